/**
 * A legal source as an English reader reads it. Sources are reference data written in Vietnamese (the
 * seeded rules, periods and parameters, and what an administrator types): in English the instrument's
 * kind and the notes beside it are put in English, its number and articles kept. A source with words
 * this table does not know (typed by an administrator) is shown as written, never half translated.
 */
const phrases: Array<[RegExp, string]> = [
  [/Bộ luật Tố tụng hình sự/g, 'Criminal Procedure Code'],
  [/Bộ luật Lao động/g, 'Labour Code'],
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

export function legalSourceIn(source: string, lang: 'vi' | 'en'): string {
  if (lang === 'vi') return source;
  const english = phrases.reduce((s, [from, to]) => s.replace(from, to), source);
  return hasVietnameseWords(english) ? source : english;
}
