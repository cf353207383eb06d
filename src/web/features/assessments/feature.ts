import { type Feature, lazyPage } from '#web/app/feature.ts';

const AssessmentsPage = lazyPage(() => import('./AssessmentsPage.tsx'));
const FrameworksPage = lazyPage(() => import('./FrameworksPage.tsx'));
const AssessmentPage = lazyPage(() => import('./AssessmentPage.tsx'));
const CampaignPage = lazyPage(() => import('./CampaignPage.tsx'));

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
      // An enterprise answers its integrity programme's self-assessment: the non-state sector's task.
      groupFor: { roles: ['enterprise_rep'], group: 'ui.group.nonState' },
    },
    {
      path: '/frameworks',
      label: 'ui.nav.frameworks',
      group: 'ui.group.leadership',
      needs: 'assessments.manage',
    },
  ],
};
