/**
 * The declaration form as versioned data (Decree 130/2020 Annex I; Annex II for supplementary; DOMAIN-2
 * §1.2): sections, asset groups and their fields, with Vietnamese and English labels. The web app renders
 * it, the server validates against it and the DOCX follows it, so a new form version is a new entry here,
 * never new pages (ADR 0024). A declaration keeps the version it was made on.
 */

export type Lang = 'vi' | 'en';
export interface Label {
  vi: string;
  en: string;
}

/** A descriptive field of an asset item (address, certificate, kind…). */
export interface DetailField {
  key: string;
  label: Label;
  kind: 'text' | 'number' | 'choice';
  /** For `choice`: the allowed codes with labels. */
  choices?: Array<{ code: string; label: Label }>;
  required?: boolean;
  /** Unit shown after a number (m², …). */
  suffix?: string;
}

/**
 * How the listed-item threshold applies to a group: `none` — every item whatever its value (land, houses,
 * anything abroad); `each` — items of at least the threshold each; `total` — the group when its total
 * reaches the threshold (precious metals, money, securities).
 */
export type ThresholdRule = 'none' | 'each' | 'total';

export interface AssetGroup {
  code: string;
  /** The form's numbering, e.g. "II.2.1". */
  number: string;
  label: Label;
  threshold: ThresholdRule;
  details: DetailField[];
  /** Money may be held in a foreign currency (amount + rate → VND). */
  foreignCurrency?: boolean;
  /** Land, houses, vehicles: a new item of these with no value is a risk sign (rule as data, issue 18 §7). */
  registrable?: boolean;
}

export interface FormDefinition {
  code: string;
  title: Label;
  /** Legal basis of the form, shown under its title. */
  source: string;
  groups: AssetGroup[];
  incomeSources: Array<{ code: string; label: Label }>;
}

const l = (vi: string, en: string): Label => ({ vi, en });
const text = (key: string, label: Label, required = false): DetailField => ({
  key,
  label,
  kind: 'text',
  required,
});
const address = text('address', l('Địa chỉ', 'Address'), true);
const certificate = text(
  'certificate',
  l('Giấy chứng nhận quyền sử dụng, sở hữu (số, tên người đứng tên) hoặc "chưa được cấp"', 'Certificate'),
);
const otherInfo = text(
  'otherInfo',
  l('Thông tin khác (đứng tên hộ, cho thuê, cho mượn…)', 'Other information (held for others, leased…)'),
);
const area = (required = true): DetailField => ({
  key: 'areaM2',
  label: l('Diện tích', 'Area'),
  kind: 'number',
  suffix: 'm²',
  required,
});
const name = text('name', l('Tên tài sản', 'Asset'), true);
const quantity: DetailField = { key: 'quantity', label: l('Số lượng', 'Quantity'), kind: 'number' };
const country = text('country', l('Quốc gia, vùng lãnh thổ', 'Country or territory'), true);

/** Decree 130/2020 Annex I, as it stands for declarations from 2020 (thresholds quoted from the parameters). */
export const nd130: FormDefinition = {
  code: 'nd130-2020',
  title: l('Bản kê khai tài sản, thu nhập', 'Declaration of assets and income'),
  source: 'Nghị định 130/2020/NĐ-CP, Phụ lục I',
  groups: [
    {
      code: 'land_residential',
      number: 'II.1.1',
      label: l('Đất ở', 'Residential land'),
      threshold: 'none',
      registrable: true,
      details: [address, area(), certificate, otherInfo],
    },
    {
      code: 'land_other',
      number: 'II.1.2',
      label: l('Các loại đất khác', 'Other land'),
      threshold: 'none',
      registrable: true,
      details: [address, area(), certificate, otherInfo],
    },
    {
      code: 'house',
      number: 'II.2.1',
      label: l('Nhà ở', 'Houses'),
      threshold: 'none',
      registrable: true,
      details: [
        address,
        {
          key: 'houseType',
          label: l('Loại nhà', 'Kind'),
          kind: 'choice',
          required: true,
          choices: [
            { code: 'apartment', label: l('Căn hộ', 'Apartment') },
            { code: 'detached', label: l('Nhà ở riêng lẻ', 'Detached house') },
          ],
        },
        { ...area(), label: l('Diện tích sử dụng', 'Floor area') },
        certificate,
        otherInfo,
      ],
    },
    {
      code: 'construction',
      number: 'II.2.2',
      label: l('Công trình xây dựng khác', 'Other construction works'),
      threshold: 'none',
      registrable: true,
      details: [
        text('name', l('Tên công trình', 'Work'), true),
        address,
        text('workType', l('Loại, cấp công trình', 'Kind and grade')),
        area(false),
        certificate,
        otherInfo,
      ],
    },
    {
      code: 'land_attached',
      number: 'II.3',
      label: l('Tài sản khác gắn liền với đất', 'Other assets attached to land'),
      threshold: 'each',
      details: [
        {
          key: 'kind',
          label: l('Loại', 'Kind'),
          kind: 'choice',
          required: true,
          choices: [
            { code: 'perennial', label: l('Cây lâu năm', 'Perennial trees') },
            { code: 'forest', label: l('Rừng sản xuất', 'Production forest') },
            { code: 'structure', label: l('Vật kiến trúc khác', 'Other structures') },
          ],
        },
        name,
        text('quantityOrArea', l('Số lượng, diện tích', 'Quantity or area')),
      ],
    },
    {
      code: 'precious',
      number: 'II.4',
      label: l(
        'Vàng, kim cương, bạch kim, kim loại quý, đá quý khác',
        'Gold, diamonds, precious metals and gems',
      ),
      threshold: 'total',
      details: [name, quantity],
    },
    {
      code: 'money',
      number: 'II.5',
      label: l(
        'Tiền (tiền mặt, cho vay, trả trước, gửi cá nhân, tổ chức)',
        'Money (cash, lent, prepaid, deposited)',
      ),
      threshold: 'total',
      foreignCurrency: true,
      details: [
        {
          key: 'kind',
          label: l('Hình thức', 'Form'),
          kind: 'choice',
          required: true,
          choices: [
            { code: 'cash', label: l('Tiền mặt', 'Cash') },
            { code: 'lent', label: l('Tiền cho vay', 'Money lent') },
            { code: 'prepaid', label: l('Tiền trả trước', 'Prepaid money') },
            { code: 'deposit', label: l('Tiền gửi', 'Deposits') },
          ],
        },
        text('holder', l('Nơi gửi, người vay (nếu có)', 'Where held or to whom lent')),
      ],
    },
    {
      code: 'securities',
      number: 'II.6',
      label: l('Cổ phiếu, trái phiếu, vốn góp, giấy tờ có giá khác', 'Shares, bonds, capital, other papers'),
      threshold: 'total',
      details: [
        {
          key: 'kind',
          label: l('Loại', 'Kind'),
          kind: 'choice',
          required: true,
          choices: [
            { code: 'shares', label: l('Cổ phiếu', 'Shares') },
            { code: 'bonds', label: l('Trái phiếu', 'Bonds') },
            { code: 'capital', label: l('Vốn góp', 'Capital contribution') },
            { code: 'other', label: l('Giấy tờ có giá khác', 'Other papers') },
          ],
        },
        name,
        quantity,
      ],
    },
    {
      code: 'registered_assets',
      number: 'II.7.1',
      label: l(
        'Tài sản phải đăng ký (ô tô, xe máy, tàu, thuyền…)',
        'Registrable assets (cars, motorbikes, boats…)',
      ),
      threshold: 'each',
      registrable: true,
      details: [name, text('registration', l('Biển số, số đăng ký', 'Registration number'))],
    },
    {
      code: 'other_assets',
      number: 'II.7.2',
      label: l('Tài sản khác (cây cảnh, tranh, đồ mỹ nghệ…)', 'Other assets (art, furniture, bonsai…)'),
      threshold: 'each',
      details: [name, quantity],
    },
    {
      code: 'abroad_assets',
      number: 'II.8',
      label: l('Tài sản ở nước ngoài', 'Assets abroad'),
      threshold: 'none',
      foreignCurrency: true,
      details: [name, country],
    },
    {
      code: 'abroad_accounts',
      number: 'II.9',
      label: l('Tài khoản ở nước ngoài', 'Accounts abroad'),
      threshold: 'none',
      foreignCurrency: true,
      details: [
        text('holderName', l('Tên chủ tài khoản', 'Account holder'), true),
        text('institution', l('Ngân hàng, tổ chức mở tài khoản', 'Bank or institution'), true),
        country,
      ],
    },
  ],
  incomeSources: [
    { code: 'salary', label: l('Lương, phụ cấp, trợ cấp, thưởng', 'Salary, allowances, bonuses') },
    { code: 'fees', label: l('Thù lao, tiền công', 'Fees') },
    { code: 'gift', label: l('Quà tặng, cho, biếu', 'Gifts') },
    { code: 'inheritance', label: l('Thừa kế', 'Inheritances') },
    { code: 'asset_sale', label: l('Bán tài sản', 'Sale of assets') },
    { code: 'investment', label: l('Đầu tư, kinh doanh', 'Investment and business') },
    { code: 'other', label: l('Thu nhập khác', 'Other income') },
  ],
};

/** Every form version by code; a declaration names the one it was made on. */
export const formDefinitions: Record<string, FormDefinition> = { [nd130.code]: nd130 };
/** The version new declarations are made on. */
export const currentForm = nd130;

export const declarationKinds = ['first_time', 'annual', 'supplementary', 'personnel'] as const;
export type DeclarationKind = (typeof declarationKinds)[number];

export const owners = ['declarant', 'spouse', 'child'] as const;
export const incomeRecipients = ['declarant', 'spouse', 'child', 'joint'] as const;
