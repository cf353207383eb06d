import type { Module } from '#server/platform/module.ts';
import { fileRoutes } from './routes.ts';

export const filesModule: Module = { name: 'files', routes: fileRoutes };
