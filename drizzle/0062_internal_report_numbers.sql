-- Officials' reports are numbered apart from the rest (9000001, 9000002 … within their year's label), so
-- that a number's place among citizens' reports — whose receipt times are exact — does not give away an
-- official's report's moment (ADR 0032, re-test sec22b N4).
CREATE SEQUENCE IF NOT EXISTS "internal_report_seq";
