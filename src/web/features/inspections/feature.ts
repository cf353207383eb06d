import { type Feature, lazyPage } from '#web/app/feature.ts';

const InspectionsPage = lazyPage(() => import('./InspectionsPage.tsx'));
const InspectionPage = lazyPage(() => import('./InspectionPage.tsx'));
const PlanPage = lazyPage(() => import('./PlanPage.tsx'));
const RecommendationsPage = lazyPage(() => import('./RecommendationsPage.tsx'));
const RecommendationPage = lazyPage(() => import('./RecommendationPage.tsx'));

export const inspectionsFeature: Feature = {
  name: 'inspections',
  routes: [
    { path: 'inspections', page: InspectionsPage },
    { path: 'inspections/:id', page: InspectionPage },
    { path: 'inspection-plans/:id', page: PlanPage },
    { path: 'recommendations', page: RecommendationsPage },
    { path: 'recommendations/:id', page: RecommendationPage },
  ],
  nav: [
    {
      path: '/inspections',
      label: 'ui.nav.inspections',
      group: 'ui.group.detection',
      needs: 'inspections.manage',
    },
    {
      path: '/recommendations',
      label: 'ui.nav.recommendations',
      group: 'ui.group.detection',
      needs: ['inspections.respond', 'inspections.manage', 'declarations.control'],
    },
  ],
};
