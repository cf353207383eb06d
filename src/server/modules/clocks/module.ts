import type { Module } from '#server/platform/module.ts';
import { calendarDeadlines } from './deadlines.ts';
import { clockRoutes } from './routes.ts';
import { ensureClockReferenceData } from './service.ts';

export const clocksModule: Module = {
  name: 'clocks',
  routes: clockRoutes,
  referenceData: ensureClockReferenceData,
  deadlines: [calendarDeadlines],
};
