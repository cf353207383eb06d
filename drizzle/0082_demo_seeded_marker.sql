-- The demo now marks itself seeded once every module's part is in (demo/seed.ts). A demo seeded before
-- this marker existed was complete (the marker is what tells a half-seeded one apart), so it gets one.
INSERT INTO "settings" ("key", "value")
SELECT 'demo_seeded', '{"before":"0082"}'::jsonb
WHERE EXISTS (SELECT 1 FROM "units" WHERE "code" = 'SH')
ON CONFLICT ("key") DO NOTHING;
