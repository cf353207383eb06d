export * from '#server/modules/audit/tables.ts';
export * from '#server/modules/clocks/tables.ts';
export * from '#server/modules/files/tables.ts';
export * from '#server/modules/imports/tables.ts';
export * from '#server/modules/notifications/tables.ts';
export * from '#server/modules/org/tables.ts';
export * from '#server/modules/system/tables.ts';
export * from '#server/modules/users/tables.ts';
