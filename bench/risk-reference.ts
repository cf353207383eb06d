/**
 * The same-run reference for ranking a year's declarations: the eleven risk rules of
 * `modules/declarations/risk.ts` written as one SQL statement over the same inputs (the stored features,
 * late rounds, verifications, the parameters in force; weights, thresholds and activity read from
 * `risk_rules`), returning each declaration's score. It computes and does not store; the API's figure
 * also compares every score with the stored one and writes what changed, with its hits.
 */
export const riskReferenceSql = (year: number, today: string) => `
with w as (select code, weight, threshold from risk_rules where active),
late as (
  select d.declaration_id id, count(*)::int n from declaration_features d
  join declaration_roster r on r.user_id = d.user_id and r.removed_reason is null
  join declaration_rounds rd on rd.id = r.round_id and rd.year <= d.year
  left join declarations x on x.user_id = r.user_id and x.round_id = rd.id
  where d.year = ${year} and ((x.submitted_at is null and rd.declare_due_on < '${today}'::date)
    or x.submitted_at >= (rd.declare_due_on::timestamp + interval '17 hours') at time zone 'UTC')
  group by d.declaration_id
),
verified as (
  select d.declaration_id id, d.year - max(extract(year from vc.decided_on))::int ysv
  from declaration_features d join verification_cases vc on vc.user_id = d.user_id and vc.decided_on is not null
  where d.year = ${year} group by d.declaration_id, d.year
),
f as (
  select d.*, coalesce(late.n, 0) late, coalesce(pos.declaration_duty, false) sens, verified.ysv,
    coalesce((select amount_vnd from declaration_parameters dp where dp.code = 'change_threshold'
      and dp.effective_from <= d.declared_on and (dp.effective_to is null or dp.effective_to >= d.declared_on)
      order by dp.effective_from desc limit 1), 0)::float8 ct,
    coalesce((select amount_vnd from declaration_parameters dp where dp.code = 'listed_item_min_value'
      and dp.effective_from <= d.declared_on and (dp.effective_to is null or dp.effective_to >= d.declared_on)
      order by dp.effective_from desc limit 1), 0)::float8 li
  from declaration_features d
  left join late on late.id = d.declaration_id
  left join verified on verified.id = d.declaration_id
  join users u on u.id = d.user_id
  left join positions pos on pos.id = u.position_id
  where d.year = ${year}
)
select f.declaration_id id, (
  (select coalesce(sum(w.weight), 0) from w where
       (w.code = 'increase_over_threshold' and increase_vnd is not null and increase_vnd >= ct)
    or (w.code = 'increase_exceeds_income' and coalesce(increase_vnd, 0) >= li
        and (case when income_vnd > 0 then round((coalesce(increase_vnd, 0) * 100 / income_vnd)::numeric) else 100000 end) > w.threshold)
    or (w.code = 'cash_above_income' and money_vnd >= ct and floor(money_vnd / greatest(income_vnd, 1)) >= w.threshold)
    or (w.code = 'gifts_share' and gifts_vnd >= li and income_vnd > 0 and round((gifts_vnd * 100 / income_vnd)::numeric) >= w.threshold)
    or (w.code = 'new_property_unvalued' and new_unvalued is not null and new_unvalued >= w.threshold)
    or (w.code = 'house_without_land' and detached_houses > 0 and residential_land = 0)
    or (w.code = 'assets_abroad' and abroad_items >= w.threshold)
    or (w.code = 'registered_to_others' and registered_to_others >= w.threshold)
    or (w.code = 'family_rising' and family_change_vnd is not null and family_change_vnd >= ct and own_change_vnd <= 0)
    or (w.code = 'late_or_missing' and late >= w.threshold)
    or (w.code = 'sensitive_not_verified' and sens and coalesce(ysv, w.threshold) >= w.threshold)
  ))::int score
from f`;
