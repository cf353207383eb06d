import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { backup, RestoreRefused, restore } from '#server/backup.ts';
import { newBackupKeyPair } from '#server/backup-crypt.ts';
import { bootstrap } from '#server/bootstrap.ts';
import { loadConfigOrExit } from '#server/config.ts';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, DemoIncomplete, demoUsers, seedDemo } from '#server/demo/seed.ts';
import { GenerateRefused, generate, type Scale, scales } from '#server/generate/index.ts';
import type { Checkpoint } from '#server/modules/audit/keys.ts';
import { verifyChain } from '#server/modules/audit/service.ts';
import { type LotteryRecord, verifyRecord } from '#server/modules/declarations/lottery.ts';
import { ensureReferenceData } from '#server/modules/index.ts';
import { fromBase64 } from '#server/modules/keys/crypto.ts';
import { decideMove, pendingMoves } from '#server/modules/org/moves.ts';
import { rootUnits } from '#server/modules/org/service.ts';
import {
  activateGrantKeys,
  addGrant,
  approveGrant,
  createUser,
  pendingGrantsForSystem,
} from '#server/modules/users/service.ts';
import { handOverPassword } from '#server/one-time.ts';
import { openRuntime, serve } from '#server/runtime.ts';
import { AppError } from '#shared/errors.ts';
import { translate } from '#shared/i18n/index.ts';
import { systemActor } from '#shared/permissions.ts';

const usage = `Liêm — câu lệnh quản trị / administration commands

  npm run liem -- migrate                     áp dụng migration / apply migrations
  npm run liem -- demo                        tạo tỉnh mẫu và chạy máy chủ / seed the demo province and serve
  npm run liem -- create-admin <username> <full name>
  npm run liem -- backup <file.tar.gz> [--encrypt | --recipient <khóa công khai>]
                                              sao lưu CSDL và tệp / back up database and files
                                              (--encrypt: mật khẩu trong LIEM_BACKUP_PASSPHRASE)
  npm run liem -- backup-keygen <file>        tạo cặp khóa cho bản sao lưu mã hóa / key pair for backups
  npm run liem -- grants pending | approve <id>
                                              phân quyền chờ duyệt / grants awaiting a second person
  npm run liem -- moves pending | approve <id>
                                              chuyển đơn vị chờ duyệt / unit moves awaiting a second administrator
  npm run liem -- restore <file.tar.gz> [--force] [--identity <khóa bí mật>]
  npm run liem -- audit verify [--against <checkpoints.json>]
                                              kiểm tra chuỗi nhật ký / verify the audit chain
  npm run liem -- generate --scale quick|province|national [--seed N] [--only declarations,…]
                                              sinh dữ liệu quy mô tỉnh / generate province-scale data
  npm run liem -- lottery verify <record.json> kiểm tra lại kết quả bốc thăm xác minh đã công bố /
                                              recompute a published verification lottery (docs/lottery.md)
`;

const out = (s: string) => process.stdout.write(`${s}\n`);

/** `lottery verify <file>`: every check of a published draw, and exit 0 only when all pass. */
function lotteryCommand(args: string[]): number {
  const [sub, file] = args;
  if (sub !== 'verify' || !file) return usageError();
  let record: LotteryRecord;
  try {
    record = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    process.stderr.write(`Cannot read / không đọc được ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  let report: ReturnType<typeof verifyRecord>;
  try {
    report = verifyRecord(record);
  } catch {
    process.stderr.write('Not a complete lottery record / không phải biên bản bốc thăm đầy đủ.\n');
    return 2;
  }
  for (const c of report.checks) out(`  ${c.ok ? 'OK  ' : 'FAIL'} ${c.name}`);
  out(
    report.ok
      ? `OK — the draw is what the published inputs give / kết quả đúng với dữ liệu đã công bố (${record.result.units.length} units).`
      : 'FAIL — the record does not add up / kết quả KHÔNG khớp dữ liệu đã công bố.',
  );
  return report.ok ? 0 : 1;
}
const usageError = () => {
  out(usage);
  return 64;
};

/**
 * Commands that act on a deployment's data (grants, moves, backups, the audit chain) open the database
 * that is there; on the embedded one, none at DATA_DIR is a mistake of where it was run, said so — it
 * must not make an empty database and answer "nothing waiting" (sec31 re-test).
 */
function existingData(config: ReturnType<typeof loadConfigOrExit>): boolean {
  if (config.databaseUrl || existsSync(join(config.dataDir, 'db', 'PG_VERSION'))) return true;
  process.stderr.write(
    `Không có cơ sở dữ liệu tại / no database at ${join(config.dataDir, 'db')}: đặt DATA_DIR hoặc DATABASE_URL của máy chủ / set the server's DATA_DIR or DATABASE_URL.\n`,
  );
  return false;
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      force: { type: 'boolean', default: false },
      encrypt: { type: 'boolean', default: false },
      recipient: { type: 'string' },
      identity: { type: 'string' },
      against: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      scale: { type: 'string', default: 'province' },
      seed: { type: 'string', default: '1' },
      provinces: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const [command, ...args] = positionals;
  if (!command || values.help) {
    out(usage);
    return command ? 0 : 64;
  }
  // Needs no database and no configuration: anyone holding a published record can run it.
  if (command === 'lottery') return lotteryCommand(args);
  const config = loadConfigOrExit();

  switch (command) {
    case 'migrate': {
      const rt = await openRuntime(config);
      await ensureReferenceData(rt.database.db);
      await rt.close();
      out('Migrations applied / đã áp dụng migration.');
      return 0;
    }
    case 'demo': {
      const rt = await openRuntime(config, { workers: true });
      await ensureReferenceData(rt.database.db);
      let seeded: Awaited<ReturnType<typeof seedDemo>>;
      try {
        seeded = await seedDemo(rt.systemCtx);
      } catch (e) {
        await rt.close();
        if (!(e instanceof DemoIncomplete)) throw e;
        out(e.message);
        return 1;
      }
      const { created, sampleReceipt } = seeded;
      await serve(rt, (url) => {
        const base = url.replace('127.0.0.1', 'localhost');
        out(
          `\nLiêm (demo — Tỉnh Sơn Hà${created ? ', vừa tạo / just created' : ''}) ${base}/  (API: ${base}/api/docs)`,
        );
        out(`Mật khẩu mọi tài khoản / password of every account: ${DEMO_PASSWORD}`);
        out(`Mã TOTP cho vai trò cần 2FA / TOTP secret for 2FA roles: ${DEMO_TOTP_SECRET}`);
        for (const u of demoUsers) out(`  ${u.username.padEnd(12)} ${u.role}`);
        if (sampleReceipt)
          out(
            `Mã tra cứu mẫu (chỉ in lần đầu) / sample receipt (first run only): ${sampleReceipt}  → ${base}/follow-up`,
          );
        out('');
      });
      return null;
    }
    case 'create-admin': {
      const [username, ...name] = args;
      if (!username || name.length === 0) {
        out(usage);
        return 64;
      }
      const rt = await openRuntime(config);
      const ctx = { ...rt.systemCtx, actor: systemActor };
      const first = await bootstrap(ctx);
      if (first && username === 'admin') {
        handOverPassword(
          config.dataDir,
          'one-time-password-admin.txt',
          'Tài khoản quản trị / administrator:',
          [`admin / ${first.password}  (mật khẩu dùng một lần / one-time password)`],
          out,
        );
      } else {
        const [root] = await rootUnits(rt.database.db);
        const u = await createUser(ctx, {
          username,
          fullName: name.join(' '),
          unitId: root!.id,
          language: 'vi',
        });
        await addGrant(ctx, u.id, { role: 'admin', unitId: root!.id, subtree: true });
        handOverPassword(
          config.dataDir,
          `one-time-password-${username.replace(/[^a-z0-9._-]/gi, '_')}.txt`,
          'Tài khoản quản trị / administrator:',
          [`${username} / ${u.oneTimePassword}  (mật khẩu dùng một lần / one-time password)`],
          out,
        );
      }
      await rt.close();
      return 0;
    }
    case 'grants': {
      if (!existingData(config)) return 66;
      // The operator on the server is the second person where a deployment has no second administrator
      // or no colleague holding a unit's keys yet (ADR 0010).
      const rt = await openRuntime(config);
      try {
        const pending = await pendingGrantsForSystem(rt.systemCtx);
        if (args[0] === 'pending') {
          if (pending.length === 0) out('Không có phân quyền chờ / nothing waiting.');
          for (const g of pending)
            out(
              `${g.id}  ${g.kind === 'approval' ? 'approve' : 'activate-keys'}  ${g.role}  ${g.userName}  ${g.unitName}  (${g.grantedByName ?? 'system'}, ${g.createdAt})`,
            );
          return 0;
        }
        if (args[0] === 'approve' && args[1]) {
          const g = pending.find((x) => x.id === args[1]);
          if (!g) {
            process.stderr.write('No such grant waiting / không có phân quyền này đang chờ.\n');
            return 1;
          }
          if (g.kind === 'approval') await approveGrant(rt.systemCtx, g.id);
          else await activateGrantKeys(rt.systemCtx, g.id);
          out(
            `Done / đã ${g.kind === 'approval' ? 'phê duyệt' : 'kích hoạt khóa'}: ${g.userName} (${g.role}).`,
          );
          return 0;
        }
        return usageError();
      } finally {
        await rt.close();
      }
    }
    case 'moves': {
      if (!existingData(config)) return 66;
      // The operator on the server is the second person where a deployment has one administrator (ADR 0031).
      const rt = await openRuntime(config);
      try {
        const pending = (await pendingMoves(rt.systemCtx)).items;
        if (args[0] === 'pending') {
          if (pending.length === 0) out('Không có đề nghị chuyển đơn vị / nothing waiting.');
          // What was asked, whole lines with codes, as the approval makes it (ADR 0032).
          for (const m of pending)
            out(
              `${m.id}${m.changed ? '  [ĐÃ ĐỔI SAU ĐỀ NGHỊ / CHANGED SINCE ASKED]' : ''}\n  ${m.unitLineage}\n  → ${m.toLineage}${m.toType ? `\n  loại / type: ${m.unitType} → ${m.toType}` : ''}\n  (${m.requestedByName}, ${m.createdAt})`,
            );
          return 0;
        }
        if (args[0] === 'approve' && args[1]) {
          const m = pending.find((x) => x.id === args[1]);
          if (!m) {
            process.stderr.write('No such move waiting / không có đề nghị chuyển này đang chờ.\n');
            return 1;
          }
          try {
            await decideMove(rt.systemCtx, m.id, 'approve');
          } catch (e) {
            // A refused approval is said in words, not as a stack trace.
            if (!(e instanceof AppError)) throw e;
            const key = Object.values(e.details.fields ?? {})[0]?.key ?? `error.${e.code}`;
            process.stderr.write(`${translate('vi', key as never)}\n${translate('en', key as never)}\n`);
            return 1;
          }
          out(`Done / đã chuyển: ${m.unitLineage} → ${m.toLineage}.`);
          return 0;
        }
        return usageError();
      } finally {
        await rt.close();
      }
    }
    case 'backup-keygen': {
      // A key pair for encrypted backups: the server keeps only the public key, the auditor the private one.
      const file = args[0];
      if (!file) return usageError();
      const pair = newBackupKeyPair();
      writeFileSync(file, `${pair.privateKey}\n`, { mode: 0o600, flag: 'wx' });
      out(`Private key written / khóa bí mật: ${file} (keep it off this server)`);
      out(`Public key / khóa công khai (for --recipient): ${pair.publicKey}`);
      return 0;
    }
    case 'backup': {
      if (!existingData(config)) return 66;
      const file = args[0];
      if (!file) return usageError();
      const passphrase = process.env.LIEM_BACKUP_PASSPHRASE;
      if (values.encrypt && !passphrase && !values.recipient) {
        process.stderr.write('--encrypt needs LIEM_BACKUP_PASSPHRASE or --recipient <public key>\n');
        return 64;
      }
      const to = values.recipient
        ? { publicKey: fromBase64(values.recipient) }
        : values.encrypt && passphrase
          ? { passphrase }
          : undefined;
      const rt = await openRuntime(config);
      const m = await backup(rt.database, file, (t, n) => out(`  ${t}: ${n}`), to);
      await rt.close();
      out(`Backup written / đã sao lưu: ${file} (${m.tables.reduce((s, t) => s + t.rows, 0)} rows)`);
      return 0;
    }
    case 'restore': {
      const file = args[0];
      if (!file) return usageError();
      const rt = await openRuntime(config);
      try {
        const identity = values.identity
          ? { privateKey: fromBase64(readFileSync(values.identity, 'utf8').trim()) }
          : process.env.LIEM_BACKUP_PASSPHRASE
            ? { passphrase: process.env.LIEM_BACKUP_PASSPHRASE }
            : undefined;
        await restore(rt.database, file, {
          force: values.force,
          identity,
          onProgress: (t, n) => out(`  ${t}: ${n}`),
        });
        out('Restored / đã khôi phục.');
        return 0;
      } catch (e) {
        if (e instanceof RestoreRefused) {
          process.stderr.write(`${e.message}\n`);
          return 1;
        }
        throw e;
      } finally {
        await rt.close();
      }
    }
    case 'audit': {
      if (!existingData(config)) return 66;
      if (args[0] !== 'verify') return usageError();
      // --against: the auditor's copy of the signed checkpoints (GET /api/audit/checkpoints), so a trimmed
      // local checkpoint file hides nothing.
      const external = values.against
        ? (JSON.parse(readFileSync(values.against, 'utf8')) as { checkpoints: Checkpoint[] }).checkpoints
        : [];
      const rt = await openRuntime(config);
      const report = await verifyChain(rt.database.db, undefined, external);
      await rt.close();
      if (report.ok) {
        out(
          `Audit chain intact / chuỗi nhật ký toàn vẹn: ${report.checked} events, held against ${report.checkpoints} signed checkpoints.`,
        );
        // Checkpoints kept on this server only cannot show that the newest events and their checkpoints
        // were cut off together: say so, every time (ADR 0003).
        if (!values.against)
          out(
            'Note / Lưu ý: checked against the checkpoints on this server only. To detect the newest events removed together with their checkpoints, verify with --against the auditor’s copy (GET /api/audit/checkpoints, or the daily e-mail). / Chỉ đối chiếu với mốc lưu trên máy chủ này; để phát hiện việc xóa đồng thời các sự kiện mới nhất và mốc của chúng, hãy đối chiếu với bản của kiểm soát viên (--against).',
          );
        return 0;
      }
      const b = report.firstBad!;
      out(
        `Audit chain BROKEN at event #${b.seq}${b.id ? ` (${b.id})` : ''}: ${b.problem}. ${report.checked} events before it are intact.`,
      );
      return 2;
    }
    case 'generate': {
      const scale = values.scale as Scale;
      const seed = Number(values.seed);
      if (!scales.includes(scale) || !Number.isInteger(seed)) return usageError();
      const rt = await openRuntime(config);
      try {
        await ensureReferenceData(rt.database.db);
        const res = await generate(rt.database, rt.systemCtx, {
          scale,
          seed,
          provinces: values.provinces ? Number(values.provinces) : undefined,
          only: values.only?.split(',').map((s) => s.trim()),
        });
        out(`Generated / đã sinh (${res.scale}, seed ${seed}) in ${res.seconds.toFixed(0)} s:`);
        for (const [k, v] of Object.entries(res.counts)) out(`  ${k.padEnd(16)} ${v.toLocaleString('en')}`);
        out(`Accounts / tài khoản: admin, dieuphoi, thamdinh, tiepnhan, giukhoa, daumoi — ${DEMO_PASSWORD}`);
        out(`TOTP: ${DEMO_TOTP_SECRET}`);
        if (res.sampleReceipts.length) out(`Receipts / mã tra cứu: ${res.sampleReceipts.join(', ')}`);
        return 0;
      } catch (e) {
        if (e instanceof GenerateRefused) {
          process.stderr.write(`${e.message}\n`);
          return 1;
        }
        throw e;
      } finally {
        await rt.close();
      }
    }
    default:
      out(usage);
      return 64;
  }
}

const code = await main();
if (code !== null) process.exit(code);
