import type { Module } from '#server/platform/module.ts';
import { enterpriseRoutes } from './routes.ts';

export const enterprisesModule: Module = { name: 'enterprises', routes: enterpriseRoutes };
