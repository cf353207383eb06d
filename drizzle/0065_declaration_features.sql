CREATE TABLE "declaration_features" (
	"declaration_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"declared_on" date NOT NULL,
	"increase_vnd" double precision,
	"income_vnd" double precision NOT NULL,
	"money_vnd" double precision NOT NULL,
	"gifts_vnd" double precision NOT NULL,
	"new_unvalued" integer,
	"detached_houses" integer NOT NULL,
	"residential_land" integer NOT NULL,
	"abroad_items" integer NOT NULL,
	"abroad_vnd" double precision NOT NULL,
	"registered_to_others" integer NOT NULL,
	"family_change_vnd" double precision,
	"own_change_vnd" double precision NOT NULL
);
--> statement-breakpoint
DROP INDEX "declarations_user_round_idx";--> statement-breakpoint
ALTER TABLE "declaration_features" ADD CONSTRAINT "declaration_features_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "declaration_features_year_unit_idx" ON "declaration_features" USING btree ("year","unit_id");--> statement-breakpoint
CREATE INDEX "declarations_user_round_idx" ON "declarations" USING btree ("user_id","round_id","submitted_at");--> statement-breakpoint
-- What the risk rules read of every declaration already handed over (issue 18; risk.ts storeFeatures).
insert into "declaration_features" (declaration_id, user_id, unit_id, year, declared_on, increase_vnd,
      income_vnd, money_vnd, gifts_vnd, new_unvalued, detached_houses, residential_land, abroad_items,
      abroad_vnd, registered_to_others, family_change_vnd, own_change_vnd)
    select d.id, d.user_id, d.unit_id, d.year, d.declared_on, d.increase_vnd::float8,
      coalesce((j.s->>'incomeVnd')::float8, 0),
      coalesce((j.s->'groups'->'money'->>'value')::float8, 0),
      coalesce((j.s->'incomeBy'->>'gift')::float8, 0) + coalesce((j.s->'incomeBy'->>'inheritance')::float8, 0),
      case when j.ps is not null then (select sum(
          case when coalesce((j.s->'groups'->k->>'count')::int, 0) > coalesce((j.ps->'groups'->k->>'count')::int, 0)
          then greatest(0, coalesce((j.s->'groups'->k->>'unvalued')::int, 0) - coalesce((j.ps->'groups'->k->>'unvalued')::int, 0))
          else 0 end)::int from unnest(array['land_residential', 'land_other', 'house', 'construction', 'registered_assets']) k) end,
      coalesce((j.s->'kinds'->>'house:detached')::int, 0),
      coalesce((j.s->'groups'->'land_residential'->>'count')::int, 0),
      coalesce((j.s->'groups'->'abroad_assets'->>'count')::int, 0) + coalesce((j.s->'groups'->'abroad_accounts'->>'count')::int, 0),
      coalesce((j.s->'groups'->'abroad_assets'->>'value')::float8, 0) + coalesce((j.s->'groups'->'abroad_accounts'->>'value')::float8, 0),
      coalesce((j.s->>'registeredToOthers')::int, 0),
      case when j.ps ? 'byOwner' and j.s ? 'byOwner' then
        coalesce((j.s->'byOwner'->>'spouse')::float8, 0) + coalesce((j.s->'byOwner'->>'child')::float8, 0)
        - coalesce((j.ps->'byOwner'->>'spouse')::float8, 0) - coalesce((j.ps->'byOwner'->>'child')::float8, 0) end,
      coalesce((j.s->'byOwner'->>'declarant')::float8, 0) - coalesce((j.ps->'byOwner'->>'declarant')::float8, 0)
    from "declarations" d
    left join "declarations" p on p.id = d.previous_id
    -- Each summary unpacked once (a stored one is compressed, and every -> would unpack it again).
    cross join lateral (select d.summary || '{}'::jsonb as s, p.summary || '{}'::jsonb as ps offset 0) j
    where d.status = 'handed_over';
