export const placeholder = 'storage-postgres';
