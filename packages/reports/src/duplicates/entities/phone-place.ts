/**
 * Where a landline rings: the area code of a Chinese fixed-line number names its city (0531 Jinan,
 * 0755 Shenzhen). A company whose name carries no region still gives its city away by its
 * switchboard; mobile numbers (1xx) say nothing and are skipped.
 */
const AREA_ROWS: readonly (readonly [area: string, city: string | null, province: string])[] = [
  ['10', null, '11'],
  ['21', null, '31'],
  ['22', null, '12'],
  ['23', null, '50'],
  ['531', '济南', '37'],
  ['532', '青岛', '37'],
  ['533', '淄博', '37'],
  ['534', '德州', '37'],
  ['535', '烟台', '37'],
  ['536', '潍坊', '37'],
  ['537', '济宁', '37'],
  ['538', '泰安', '37'],
  ['539', '临沂', '37'],
  ['530', '菏泽', '37'],
  ['543', '滨州', '37'],
  ['546', '东营', '37'],
  ['631', '威海', '37'],
  ['632', '枣庄', '37'],
  ['633', '日照', '37'],
  ['635', '聊城', '37'],
  ['20', '广州', '44'],
  ['755', '深圳', '44'],
  ['757', '佛山', '44'],
  ['769', '东莞', '44'],
  ['756', '珠海', '44'],
  ['571', '杭州', '33'],
  ['574', '宁波', '33'],
  ['577', '温州', '33'],
  ['25', '南京', '32'],
  ['512', '苏州', '32'],
  ['510', '无锡', '32'],
  ['519', '常州', '32'],
  ['592', '厦门', '35'],
  ['591', '福州', '35'],
  ['24', '沈阳', '21'],
  ['411', '大连', '21'],
  ['27', '武汉', '42'],
  ['28', '成都', '51'],
  ['29', '西安', '61'],
  ['731', '长沙', '43'],
  ['371', '郑州', '41'],
  ['551', '合肥', '34'],
  ['311', '石家庄', '13'],
  ['351', '太原', '14'],
  ['871', '昆明', '53'],
  ['771', '南宁', '45'],
  ['851', '贵阳', '52'],
  ['451', '哈尔滨', '23'],
  ['431', '长春', '22'],
  ['791', '南昌', '36'],
  ['931', '兰州', '62'],
  ['991', '乌鲁木齐', '65'],
  ['471', '呼和浩特', '15'],
  ['898', '海口', '46'],
];
const BY_AREA = new Map(AREA_ROWS.map(([area, city, province]) => [area, { city, province }]));

/** A place told by a phone: the city (null for Beijing, Shanghai, Tianjin, Chongqing) and province. */
export interface PhonePlace {
  city: string | null;
  province: string;
}

/** The place of the first Chinese landline among E.164 numbers, or null. */
export function phonePlace(e164s: readonly string[]): PhonePlace | null {
  for (const phone of e164s) {
    if (!phone.startsWith('+86') || phone.startsWith('+861')) continue;
    const national = phone.slice(3);
    // Two-digit codes are the big cities (10, 2x); every other code has three digits.
    const area =
      national.startsWith('10') || national.startsWith('2') ? national.slice(0, 2) : national.slice(0, 3);
    const place = BY_AREA.get(area);
    if (place) return place;
  }
  return null;
}
