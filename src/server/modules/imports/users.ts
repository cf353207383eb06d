import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '#server/context.ts';
import { chunks } from '#server/db/bulk.ts';
import { diff } from '#server/modules/audit/chain.ts';
import { units } from '#server/modules/org/tables.ts';
import { addGrant, createUser, updateUser } from '#server/modules/users/service.ts';
import { grants, users } from '#server/modules/users/tables.ts';
import { unitCode } from '#shared/org/schemas.ts';
import { can, canGrant, type Role, roles } from '#shared/permissions.ts';
import { username } from '#shared/users/schemas.ts';
import { optionalText, text } from '#shared/validation.ts';
import { choice } from './common.ts';
import { type ImportAdapter, onRow, type Planned, type RowProblem } from './engine.ts';

const Row = z.object({
  username: username(),
  fullName: text(200),
  email: z
    .string()
    .transform((s) => s.trim().toLowerCase())
    .pipe(z.email({ message: 'field.email' }).max(254))
    .optional(),
  phone: optionalText(30),
  unitCode: unitCode(),
  role: choice(roles, 'role').optional(),
  language: z.enum(['vi', 'en']).optional(),
});
type Row = z.infer<typeof Row>;
type UserRow = typeof users.$inferSelect;
type Data = Row & { existing?: UserRow; unitId?: string; grantRole?: Role };

const fieldMap = {
  username: 'username',
  fullName: 'fullName',
  email: 'email',
  unitId: 'unitCode',
  role: 'role',
  phone: 'phone',
};

export const userImport: ImportAdapter<Data> = {
  entity: 'users',
  action: 'users.manage',
  keyField: 'username',
  rowSchema: Row as z.ZodType<Data>,
  fields: [
    {
      key: 'username',
      required: true,
      vi: 'Tên đăng nhập',
      en: 'User name',
      aliases: ['taikhoan', 'username', 'login'],
      example: 'nguyenvana',
    },
    {
      key: 'fullName',
      required: true,
      vi: 'Họ và tên',
      en: 'Full name',
      aliases: ['hoten', 'ten', 'name'],
      example: 'Nguyễn Văn A',
    },
    {
      key: 'email',
      required: false,
      vi: 'Thư điện tử',
      en: 'E-mail',
      aliases: ['email', 'mail'],
      example: 'nguyenvana@sonha.gov.vn',
    },
    {
      key: 'phone',
      required: false,
      vi: 'Số điện thoại',
      en: 'Phone',
      aliases: ['dienthoai', 'sdt'],
      example: '0912345678',
    },
    {
      key: 'unitCode',
      required: true,
      vi: 'Mã đơn vị',
      en: 'Unit code',
      aliases: ['madonvi', 'donvi', 'unit'],
      example: 'SH.STC',
    },
    {
      key: 'role',
      required: false,
      vi: 'Vai trò',
      en: 'Role',
      aliases: ['quyen', 'role'],
      example: 'Cán bộ đầu mối',
    },
    { key: 'language', required: false, vi: 'Ngôn ngữ', en: 'Language', example: 'vi' },
  ],
  notes: (lang) =>
    lang === 'en'
      ? [
          'One row per staff member. Columns marked * are required.',
          'An existing user name updates that account; a new one creates an account with a one-time password, shown once after the import.',
          'The role, when given, is granted on the user’s unit and its sub-units.',
          'Run a dry run first: nothing is written until you confirm, and any error cancels the whole file.',
        ]
      : [
          'Mỗi dòng một cán bộ. Cột có dấu * là bắt buộc.',
          'Tên đăng nhập đã có sẽ cập nhật tài khoản đó; tên mới sẽ tạo tài khoản với mật khẩu dùng một lần, hiển thị một lần sau khi nhập.',
          'Vai trò (nếu có) được cấp tại đơn vị của người dùng và các đơn vị trực thuộc.',
          'Hãy chạy thử trước: chưa có gì được ghi cho đến khi bạn xác nhận, và chỉ một lỗi cũng hủy toàn bộ tệp.',
        ],

  async plan(ctx: Ctx, rows) {
    const problems: RowProblem[] = [];
    const existing = new Map<string, UserRow>();
    const unitByCode = new Map<string, typeof units.$inferSelect>();
    const emailOwner = new Map<string, string>();
    const held = new Set<string>();
    for (const part of chunks(rows.map((r) => r.data.username))) {
      for (const u of await ctx.db.select().from(users).where(inArray(users.username, part)))
        existing.set(u.username, u);
    }
    for (const part of chunks([...new Set(rows.map((r) => r.data.unitCode))])) {
      for (const u of await ctx.db.select().from(units).where(inArray(units.code, part)))
        unitByCode.set(u.code, u);
    }
    for (const part of chunks(rows.map((r) => r.data.email).filter((e): e is string => !!e))) {
      for (const u of await ctx.db
        .select({ email: users.email, username: users.username })
        .from(users)
        .where(inArray(users.email, part)))
        emailOwner.set(u.email!, u.username);
    }
    const ids = [...existing.values()].map((u) => u.id);
    for (const part of chunks(ids)) {
      for (const g of await ctx.db
        .select()
        .from(grants)
        .where(and(inArray(grants.userId, part))))
        held.add(`${g.userId}|${g.role}|${g.unitId}`);
    }
    const emailsInFile = new Map<string, number>();
    const unitPaths = new Map<string, string>();
    for (const u of unitByCode.values()) unitPaths.set(u.id, u.path);
    const existingUnitPath = async (unitId: string) => {
      if (!unitPaths.has(unitId)) {
        const [u] = await ctx.db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
        unitPaths.set(unitId, u?.path ?? '');
      }
      return unitPaths.get(unitId)!;
    };
    const planned: Planned<Data>[] = [];
    for (const { row, data } of rows) {
      const unit = unitByCode.get(data.unitCode);
      if (!unit) {
        problems.push({
          row,
          field: 'unitCode',
          key: 'import.unknown_parent',
          values: { code: data.unitCode },
        });
        continue;
      }
      if (!can(ctx.actor, 'users.manage', { unitPath: unit.path })) {
        problems.push({ row, field: 'unitCode', key: 'field.unit_out_of_scope' });
        continue;
      }
      if (unit.status !== 'active') {
        problems.push({ row, field: 'unitCode', key: 'field.unit_archived' });
        continue;
      }
      const current = existing.get(data.username);
      if (current && !can(ctx.actor, 'users.manage', { unitPath: await existingUnitPath(current.unitId) })) {
        problems.push({ row, field: 'username', key: 'field.username_taken' });
        continue;
      }
      if (data.email) {
        const owner = emailOwner.get(data.email);
        const firstRow = emailsInFile.get(data.email);
        if ((owner && owner !== data.username) || firstRow !== undefined) {
          problems.push(
            firstRow !== undefined
              ? { row, field: 'email', key: 'import.duplicate_in_file', values: { row: firstRow } }
              : { row, field: 'email', key: 'field.email_taken' },
          );
          continue;
        }
        emailsInFile.set(data.email, row);
      }
      if (data.role && !canGrant(ctx.actor, data.role, { unitPath: unit.path })) {
        problems.push({ row, field: 'role', key: 'field.role_scope' });
        continue;
      }
      const fields = {
        fullName: data.fullName,
        email: data.email ?? current?.email ?? null,
        phone: data.phone ?? current?.phone ?? null,
        unitId: unit.id,
        language: data.language ?? current?.language ?? 'vi',
      };
      const changes: Record<string, unknown> = current
        ? diff(current, fields)
        : { ...fields, unitId: data.unitCode };
      const grantRole =
        data.role && !(current && held.has(`${current.id}|${data.role}|${unit.id}`)) ? data.role : undefined;
      if (grantRole) changes.role = grantRole;
      const action = !current ? 'create' : Object.keys(changes).length > 0 ? 'update' : 'unchanged';
      planned.push({
        row,
        key: data.username,
        action,
        changes,
        data: { ...data, existing: current, unitId: unit.id, grantRole },
      });
    }
    return { planned, problems };
  },

  async apply(ctx, planned, written) {
    const credentials: Array<{ row: number; username: string; oneTimePassword: string }> = [];
    for (const p of planned) {
      await written(1);
      const { data } = p;
      if (p.action === 'unchanged') continue;
      await onRow(p.row, fieldMap, async () => {
        let userId = data.existing?.id;
        if (!data.existing) {
          const created = await createUser(ctx, {
            username: data.username,
            fullName: data.fullName,
            email: data.email ?? null,
            phone: data.phone ?? null,
            unitId: data.unitId!,
            language: data.language ?? 'vi',
          });
          userId = created.id;
          credentials.push({
            row: p.row,
            username: data.username,
            oneTimePassword: created.oneTimePassword!,
          });
        } else {
          const { role: _r, ...fieldChanges } = p.changes;
          if (Object.keys(fieldChanges).length > 0) {
            await updateUser(ctx, data.existing.id, {
              fullName: data.fullName,
              email: data.email,
              phone: data.phone,
              unitId: data.unitId,
              language: data.language,
              version: data.existing.version,
            });
          }
        }
        if (data.grantRole)
          await addGrant(ctx, userId!, { role: data.grantRole, unitId: data.unitId!, subtree: true });
      });
    }
    return { credentials };
  },
};
