export const placeholder = 'storage-sqlite';
