/**
 * Province-level divisions of GB/T 2260 by their 2-digit code, for explanations ("both in Shandong
 * (37)") and for stripping a region prefix off company names.
 */
export const PROVINCES: Readonly<Record<string, { en: string; zh: string }>> = {
  '11': { en: 'Beijing', zh: '北京' },
  '12': { en: 'Tianjin', zh: '天津' },
  '13': { en: 'Hebei', zh: '河北' },
  '14': { en: 'Shanxi', zh: '山西' },
  '15': { en: 'Inner Mongolia', zh: '内蒙古' },
  '21': { en: 'Liaoning', zh: '辽宁' },
  '22': { en: 'Jilin', zh: '吉林' },
  '23': { en: 'Heilongjiang', zh: '黑龙江' },
  '31': { en: 'Shanghai', zh: '上海' },
  '32': { en: 'Jiangsu', zh: '江苏' },
  '33': { en: 'Zhejiang', zh: '浙江' },
  '34': { en: 'Anhui', zh: '安徽' },
  '35': { en: 'Fujian', zh: '福建' },
  '36': { en: 'Jiangxi', zh: '江西' },
  '37': { en: 'Shandong', zh: '山东' },
  '41': { en: 'Henan', zh: '河南' },
  '42': { en: 'Hubei', zh: '湖北' },
  '43': { en: 'Hunan', zh: '湖南' },
  '44': { en: 'Guangdong', zh: '广东' },
  '45': { en: 'Guangxi', zh: '广西' },
  '46': { en: 'Hainan', zh: '海南' },
  '50': { en: 'Chongqing', zh: '重庆' },
  '51': { en: 'Sichuan', zh: '四川' },
  '52': { en: 'Guizhou', zh: '贵州' },
  '53': { en: 'Yunnan', zh: '云南' },
  '54': { en: 'Tibet', zh: '西藏' },
  '61': { en: 'Shaanxi', zh: '陕西' },
  '62': { en: 'Gansu', zh: '甘肃' },
  '63': { en: 'Qinghai', zh: '青海' },
  '64': { en: 'Ningxia', zh: '宁夏' },
  '65': { en: 'Xinjiang', zh: '新疆' },
  '71': { en: 'Taiwan', zh: '台湾' },
  '81': { en: 'Hong Kong', zh: '香港' },
  '82': { en: 'Macao', zh: '澳门' },
};

/** How many province-level divisions there are: the prior for "how common is a province". */
export const PROVINCE_COUNT = Object.keys(PROVINCES).length;

/** "Shandong (37)", or the bare code when it is not in the table. */
export function provinceLabel(code: string): string {
  const p = PROVINCES[code];
  return p ? `${p.en} (${code})` : code;
}
