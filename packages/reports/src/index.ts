export const placeholder = 'reports';
