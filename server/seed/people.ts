import { makeIdNumber } from '#shared/rules/idNumber';
import type { Rng } from './prng';
import { homeAddress, type CityGeo } from './places';

/**
 * Plausible residents: a common surname (weighted roughly by frequency in Henan), a one- or
 * two-character given name matching the sex encoded in the ID number, a GB 11643 ID number
 * born in one of the city's districts, a mainland mobile number and a home address.
 */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 90], ['李', 85], ['张', 85], ['刘', 70], ['陈', 45], ['杨', 45], ['赵', 30], ['黄', 20], ['周', 20], ['吴', 18],
  ['徐', 16], ['孙', 18], ['胡', 14], ['朱', 14], ['高', 16], ['郭', 18], ['马', 16], ['何', 10], ['罗', 8], ['梁', 9],
  ['宋', 12], ['郑', 10], ['谢', 7], ['韩', 10], ['唐', 7], ['冯', 9], ['于', 7], ['董', 8], ['程', 8], ['曹', 8],
  ['袁', 6], ['许', 9], ['邓', 5], ['苏', 6], ['贾', 7], ['魏', 7], ['薛', 5], ['叶', 4], ['潘', 4], ['杜', 6],
  ['范', 6], ['田', 6], ['任', 6], ['姜', 4], ['方', 4], ['石', 5], ['姚', 4], ['崔', 5], ['秦', 4], ['史', 4],
  ['侯', 5], ['孟', 5], ['常', 5], ['乔', 4], ['牛', 4], ['申', 3], ['司马', 1], ['欧阳', 1],
];
const MALE_ONE = ['伟', '强', '磊', '军', '勇', '杰', '涛', '明', '超', '鹏', '浩', '宇', '辉', '刚', '斌', '俊', '峰', '鑫', '博', '晨', '亮', '帅'];
const MALE_TWO = ['建国', '志强', '建华', '国庆', '卫东', '海涛', '子轩', '浩然', '宇航', '俊杰', '文博', '明辉', '振宇', '家豪', '天佑', '书涵', '永刚', '红军', '新民', '保国'];
const FEMALE_ONE = ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '婷', '雪', '琳', '佳', '颖', '倩', '瑶', '萍', '洁', '慧'];
const FEMALE_TWO = ['秀英', '桂英', '欣怡', '梓涵', '雨萱', '玉兰', '春梅', '晓燕', '丽娟', '雅婷', '思琪', '梦瑶', '淑珍', '红霞', '文静', '佳怡', '若曦', '秀兰'];
const PHONE_PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '166', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199'];

export interface Person {
  readonly name: string;
  readonly idNumber: string;
  readonly phone: string;
  readonly address: string;
  readonly sex: 'M' | 'F';
  readonly birthYear: number;
}

export function personName(rng: Rng, sex: 'M' | 'F'): string {
  const surname = rng.weighted(SURNAMES);
  const two = rng.chance(surname.length === 2 ? 0.3 : 0.6);
  const given = sex === 'M' ? rng.pick(two ? MALE_TWO : MALE_ONE) : rng.pick(two ? FEMALE_TWO : FEMALE_ONE);
  return surname + given;
}

export function mobile(rng: Rng): string {
  return rng.pick(PHONE_PREFIXES) + rng.digits(8);
}

/** An adult born between `minAge` and `maxAge` years before `refYear`. */
export function person(rng: Rng, city: CityGeo, refYear: number, minAge = 18, maxAge = 72): Person {
  const sex: 'M' | 'F' = rng.chance(0.52) ? 'M' : 'F';
  const birthYear = refYear - rng.int(minAge, maxAge);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const ymd = `${birthYear}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
  // GB 11643: the last digit of the sequence code is odd for men, even for women.
  const seq = rng.int(0, 499) * 2 + (sex === 'M' ? 1 : 0);
  const district = rng.pick(city.districts);
  return {
    name: personName(rng, sex),
    idNumber: makeIdNumber(district.code, ymd, seq),
    phone: mobile(rng),
    address: homeAddress(rng, city, district),
    sex,
    birthYear,
  };
}
