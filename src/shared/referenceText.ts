/**
 * Reference data as an English reader reads it: legal sources and the calendar's day names. They are
 * written in Vietnamese (seeded, or typed by an administrator); a table of the phrases they use puts them
 * in English, numbers kept. Text with words the table does not know is shown as written, never half
 * translated.
 */

/** A legal source's phrases: the instrument's kind and the notes seeded beside it; its number is kept. */
type Phrases = Array<[RegExp, string | ((match: string, ...groups: string[]) => string)]>;

const phrases: Phrases = [
  [/Bộ luật Tố tụng hình sự/g, 'Criminal Procedure Code'],
  [/Bộ luật Lao động/g, 'Labour Code'],
  [
    /thông báo nghỉ lễ, Tết năm (\d{4}) đối với cán bộ, công chức, viên chức/g,
    'public holidays notice of $1 for civil servants and public employees',
  ],
  [
    /DỰ KIẾN theo luật, chờ thông báo chính thức năm (\d{4}) \(cần xác nhận\)/g,
    'PROJECTED under the law, awaiting the official notice of $1 (to be confirmed)',
  ],
  [/Luật Phòng, chống tham nhũng|Luật PCTN/g, 'Law on Anti-corruption'],
  [/Luật Khiếu nại/g, 'Law on Complaints'],
  [/Luật Tố cáo/g, 'Law on Denunciations'],
  [/Luật Tiếp công dân/g, 'Law on Citizen Reception'],
  [/Luật Thanh tra/g, 'Law on Inspection'],
  [/Thông tư liên tịch/g, 'Joint Circular'],
  [/Thông tư/g, 'Circular'],
  [/Nghị định/g, 'Decree'],
  [/sửa đổi bởi /g, 'as amended by '],
  [/sửa đổi |sửa (?=Điều)/g, 'amending '],
  [/Luật (?=\d)/g, 'Law '],
  [/Điều/g, 'Art.'],
  [/hiệu lực (?=\d)/g, 'in force from '],
  [/ngày (?=\d)/g, 'of '],
  [/số (?=\d)/g, 'No. '],
  [/kiểm tra lại; cấu hình được/g, 'to be rechecked; configurable'],
  [/cấu hình được/g, 'configurable'],
  [/Cấu hình của cơ quan thanh tra/g, 'Set by the inspectorate'],
  [/Quy chế nội bộ của cơ quan tiếp nhận/g, 'The receiving body’s internal rules'],
  [/Theo kế hoạch PCTNTC của UBND tỉnh/g, 'As the provincial anti-corruption plan sets'],
  [/Theo kế hoạch đánh giá của tỉnh/g, 'As the province’s assessment plan sets'],
  [/hành vi bị nghiêm cấm mới/g, 'new prohibited act'],
  [/thời hạn chưa có trong nguồn đã đối chiếu/g, 'the period is not in the sources checked'],
  [/thời hạn gửi báo cáo chưa được đối chiếu/g, 'the reporting deadline is not yet checked'],
  [
    /điều khoản về thời hạn thanh tra chưa có trong nguồn đã đối chiếu/g,
    'the articles on inspection periods are not in the sources checked',
  ],
];

/**
 * Letters only Vietnamese writes, outside an instrument's number and symbol (59/2019/NĐ-CP keeps its Đ in
 * any language): what is left of them after the table means words it does not know.
 */
const vietnamese = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
export const hasVietnameseWords = (text: string) => vietnamese.test(text.replace(/\S*\/\S*/g, ''));

function inEnglish(text: string, table: Phrases, lang: 'vi' | 'en'): string {
  if (lang === 'vi') return text;
  const english = table.reduce((s, [from, to]) => s.replace(from, to as string), text);
  return hasVietnameseWords(english) ? text : english;
}

export const legalSourceIn = (source: string, lang: 'vi' | 'en') => inEnglish(source, phrases, lang);

const animals: Record<string, string> = {
  Tý: 'Rat',
  Sửu: 'Ox',
  Dần: 'Tiger',
  Mão: 'Cat',
  Thìn: 'Dragon',
  Tỵ: 'Snake',
  Ngọ: 'Horse',
  Mùi: 'Goat',
  Thân: 'Monkey',
  Dậu: 'Rooster',
  Tuất: 'Dog',
  Hợi: 'Pig',
};

const dayPhrases: Phrases = [
  // The lunar year is named by its animal, looked up from the zodiac's branch (Bính Ngọ: the Horse).
  [
    /Tết Nguyên đán (?:Giáp|Ất|Bính|Đinh|Mậu|Kỷ|Canh|Tân|Nhâm|Quý) (Tý|Sửu|Dần|Mão|Thìn|Tỵ|Ngọ|Mùi|Thân|Dậu|Tuất|Hợi)/g,
    (_, branch: string) => `Lunar New Year (Year of the ${animals[branch]})`,
  ],
  [/Tết Dương lịch/g, 'New Year’s Day'],
  [/Tết/g, 'Tet'],
  [/Nghỉ hoán đổi \(làm bù thứ Bảy (\d\d\/\d\d)\)/g, 'Day off swapped (worked on Saturday $1)'],
  [/Làm bù cho ngày/g, 'Make-up working day for'],
  [/Nghỉ bù /g, 'Day off in lieu: '],
  [/trùng Chủ nhật/g, 'falls on a Sunday'],
  [/trùng thứ Bảy/g, 'falls on a Saturday'],
  [/trùng ngày nghỉ hằng tuần/g, 'falls on weekly rest days'],
  [/Giỗ Tổ Hùng Vương/g, 'Hung Kings’ Commemoration'],
  [/\(10\/3 âm lịch\)/g, '(10th day of the 3rd lunar month)'],
  [/Ngày Chiến thắng/g, 'Reunification Day'],
  [/Quốc tế Lao động/g, 'International Labour Day'],
  [/Quốc khánh/g, 'National Day'],
  [/ngày liền kề/g, 'adjacent day'],
  [/dự kiến/g, 'projected'],
];

/** A public-service calendar day's name (a holiday, a swapped day) as an English reader reads it. */
export const dayNameIn = (name: string, lang: 'vi' | 'en') => inEnglish(name, dayPhrases, lang);
