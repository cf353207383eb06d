/**
 * The same-run reference for ranking a year's declarations: the eleven risk rules of
 * `modules/declarations/risk.ts` written as one SQL statement over the same columns (weights, thresholds
 * and activity read from `risk_rules`), returning each declaration's score. It computes and does not
 * store; the API's figure also writes every score with its hits.
 */
export const riskReferenceSql = (year: number, today: string) => `
with w as (select code, weight, threshold from risk_rules where active),
f as (
  select d.id, d.summary s, p.summary ps, d.increase_vnd::float8 inc,
    coalesce((d.summary->>'incomeVnd')::float8, 0) income,
    coalesce((select amount_vnd from declaration_parameters dp where dp.code = 'change_threshold'
      and dp.effective_from <= d.declared_on and (dp.effective_to is null or dp.effective_to >= d.declared_on)
      order by dp.effective_from desc limit 1), 0)::float8 ct,
    coalesce((select amount_vnd from declaration_parameters dp where dp.code = 'listed_item_min_value'
      and dp.effective_from <= d.declared_on and (dp.effective_to is null or dp.effective_to >= d.declared_on)
      order by dp.effective_from desc limit 1), 0)::float8 li,
    (select count(*) from declaration_roster r join declaration_rounds rd on rd.id = r.round_id
      left join declarations x on x.round_id = rd.id and x.user_id = r.user_id
      where r.user_id = d.user_id and r.removed_reason is null and rd.year <= d.year
        and ((x.submitted_at is null and rd.declare_due_on < '${today}'::date)
          or x.submitted_at >= (rd.declare_due_on::timestamp + interval '17 hours') at time zone 'UTC'))::int late,
    coalesce(pos.declaration_duty, false) sens,
    (select d.year - max(extract(year from vc.decided_on))::int from verification_cases vc
      where vc.user_id = d.user_id and vc.decided_on is not null) ysv
  from declarations d
  left join declarations p on p.id = d.previous_id
  join users u on u.id = d.user_id
  left join positions pos on pos.id = u.position_id
  where d.year = ${year} and d.status = 'handed_over'
),
g as (
  select f.*,
    coalesce((s->'groups'->'money'->>'value')::float8, 0) money,
    coalesce((s->'incomeBy'->>'gift')::float8, 0) + coalesce((s->'incomeBy'->>'inheritance')::float8, 0) gifts,
    (select coalesce(sum(case when ps is not null and coalesce((s->'groups'->k->>'count')::int, 0) > coalesce((ps->'groups'->k->>'count')::int, 0)
       then greatest(0, coalesce((s->'groups'->k->>'unvalued')::int, 0) - coalesce((ps->'groups'->k->>'unvalued')::int, 0)) else 0 end), 0)
     from unnest(array['land_residential', 'land_other', 'house', 'registered_assets']) k) new_unvalued,
    coalesce((s->'groups'->'abroad_assets'->>'count')::int, 0) + coalesce((s->'groups'->'abroad_accounts'->>'count')::int, 0) abroad,
    coalesce((s->'byOwner'->>'spouse')::float8, 0) + coalesce((s->'byOwner'->>'child')::float8, 0)
      - coalesce((ps->'byOwner'->>'spouse')::float8, 0) - coalesce((ps->'byOwner'->>'child')::float8, 0) family,
    coalesce((s->'byOwner'->>'declarant')::float8, 0) - coalesce((ps->'byOwner'->>'declarant')::float8, 0) own
  from f
)
select g.id, (
  (select coalesce(sum(w.weight), 0) from w where
       (w.code = 'increase_over_threshold' and inc is not null and inc >= ct)
    or (w.code = 'increase_exceeds_income' and coalesce(inc, 0) >= li
        and (case when income > 0 then round((coalesce(inc, 0) * 100 / income)::numeric) else 100000 end) > w.threshold)
    or (w.code = 'cash_above_income' and money >= ct and floor(money / greatest(income, 1)) >= w.threshold)
    or (w.code = 'gifts_share' and gifts >= li and income > 0 and round((gifts * 100 / income)::numeric) >= w.threshold)
    or (w.code = 'new_property_unvalued' and ps is not null and new_unvalued >= w.threshold)
    or (w.code = 'house_without_land' and coalesce((s->'kinds'->>'house:detached')::int, 0) > 0
        and coalesce((s->'groups'->'land_residential'->>'count')::int, 0) = 0)
    or (w.code = 'assets_abroad' and abroad >= w.threshold)
    or (w.code = 'registered_to_others' and coalesce((s->>'registeredToOthers')::int, 0) >= w.threshold)
    or (w.code = 'family_rising' and ps is not null and ps ? 'byOwner' and s ? 'byOwner' and family >= ct and own <= 0)
    or (w.code = 'late_or_missing' and late >= w.threshold)
    or (w.code = 'sensitive_not_verified' and sens and coalesce(ysv, w.threshold) >= w.threshold)
  ))::int score
from g`;
