-- Review rev20 P15: the gift hand-over clock was seeded twice (the clock engine's early copy, in force
-- from 20/08/2019 without an article, beside the integrity module's from 15/08/2019 with Art. 26(1)),
-- and an unused early copy of the conflict-of-interest report clock. Clocks started on the early copy
-- (the same five working days) are moved to the module's rule; the copies go.
UPDATE "started_clocks" SET "rule_id" = (
  SELECT "id" FROM "deadline_rules" WHERE "code" = 'gift.hand_over' AND "effective_from" = '2019-08-15'
) WHERE "rule_id" IN (
  SELECT "id" FROM "deadline_rules" WHERE "code" = 'gift.hand_over' AND "effective_from" = '2019-08-20'
) AND EXISTS (
  SELECT 1 FROM "deadline_rules" WHERE "code" = 'gift.hand_over' AND "effective_from" = '2019-08-15'
);
--> statement-breakpoint
DELETE FROM "deadline_rules" WHERE "code" = 'gift.hand_over' AND "effective_from" = '2019-08-20'
  AND EXISTS (SELECT 1 FROM "deadline_rules" WHERE "code" = 'gift.hand_over' AND "effective_from" = '2019-08-15')
  AND NOT EXISTS (SELECT 1 FROM "started_clocks" c WHERE c."rule_id" = "deadline_rules"."id")
  AND NOT EXISTS (SELECT 1 FROM "plans" p WHERE p."due_rule_id" = "deadline_rules"."id");
--> statement-breakpoint
DELETE FROM "deadline_rules" WHERE "code" = 'conflict_of_interest.report'
  AND NOT EXISTS (SELECT 1 FROM "started_clocks" c WHERE c."rule_id" = "deadline_rules"."id")
  AND NOT EXISTS (SELECT 1 FROM "plans" p WHERE p."due_rule_id" = "deadline_rules"."id");
--> statement-breakpoint
-- The conflict clocks start from the report and from the measure's decision, not a verification's.
UPDATE "deadline_rules" SET "start_event" = 'coi_reported' WHERE "code" = 'coi.decide' AND "start_event" = 'reported';
--> statement-breakpoint
UPDATE "deadline_rules" SET "start_event" = 'measure_decided'
  WHERE "code" IN ('coi.notify', 'coi.temporary_measure') AND "start_event" = 'decided';
