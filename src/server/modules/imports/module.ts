import type { Module } from '#server/platform/module.ts';
import { importRoutes } from './routes.ts';

export const importsModule: Module = { name: 'imports', routes: importRoutes };
