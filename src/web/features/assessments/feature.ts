import { lazy } from 'react';
import type { Feature } from '#web/app/feature.ts';

const AssessmentsPage = lazy(() => import('./AssessmentsPage.tsx'));
const FrameworksPage = lazy(() => import('./FrameworksPage.tsx'));
const AssessmentPage = lazy(() => import('./AssessmentPage.tsx'));
const CampaignPage = lazy(() => import('./CampaignPage.tsx'));

export const assessmentsFeature: Feature = {
  name: 'assessments',
  routes: [
    { path: 'assessments', page: AssessmentsPage },
    { path: 'frameworks', page: FrameworksPage },
    { path: 'assessments/:id', page: AssessmentPage },
    { path: 'campaigns/:id', page: CampaignPage },
  ],
  nav: [
    {
      path: '/assessments',
      label: 'ui.nav.assessments',
      group: 'ui.group.leadership',
      needs: ['assessments.manage', 'assessments.review', 'assessments.self'],
    },
    {
      path: '/frameworks',
      label: 'ui.nav.frameworks',
      group: 'ui.group.leadership',
      needs: 'assessments.manage',
    },
  ],
};
