import type { ApplicationIntake } from '#shared/contract/api';
import { SERVICES, type ServiceDef } from '#shared/data/catalogue';
import { iso, type DemoClock } from './clock';
import { henanPlate } from './accidents';
import { person, personName, type Person } from './people';
import type { PhotoBook } from './photos';
import { cityGeo, homeAddress, type CityGeo } from './places';
import type { Rng } from './prng';

/**
 * Online applications over the whole catalogue: the first ones of a city walk the catalogue in
 * order so every service shows up, the rest follow how often citizens use each branch. About a
 * fifth miss one or two materials, so a supplement request (一次性告知) has something to name.
 */
const BRANCH_WEIGHTS: readonly (readonly [ServiceDef['branch'], number])[] = [
  ['household', 34], ['residence', 14], ['rental', 8], ['exit_entry', 24], ['traffic', 20],
];
const MISSING_SHARE = 0.2;
const EMS_SHARE = 0.35;

const SETTLE_REASONS: Readonly<Record<string, string>> = {
  hukou_settle_marriage: '与配偶共同生活，投靠配偶落户',
  hukou_settle_parents: '年老投靠子女，随子女落户',
  hukou_settle_children: '未成年子女随父母落户',
  hukou_settle_house_purchase: '在本市购买商品住房，申请落户',
  hukou_settle_employment: '在本市稳定就业并缴纳社保满一年',
  hukou_settle_talent: '人才引进，单位已出具引进证明',
  hukou_settle_graduate: '毕业后到本市就业，办理落户',
  hukou_settle_discharged: '退出现役，回原籍恢复户口',
};
const DESTINATIONS = ['中国香港', '中国澳门', '日本', '韩国', '泰国', '新加坡', '马来西亚', '美国', '德国', '澳大利亚'];
const PURPOSES = ['旅游', '探亲', '商务', '留学', '就医'];
const EMPLOYERS = ['河南某科技有限公司', '某某物流有限公司', '某建设集团有限公司', '某市第一人民医院', '某某餐饮管理有限公司', '某职业技术学院'];
const HOSPITALS = ['郑州大学第一附属医院', '河南省人民医院', '市妇幼保健院', '市中心医院'];

function ymd(rng: Rng, fromYear: number, toYear: number): string {
  return `${rng.int(fromYear, toYear)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
}

function formFor(rng: Rng, service: ServiceDef, who: Person, city: CityGeo, year: number): Record<string, string> {
  const reason = SETTLE_REASONS[service.code];
  if (reason) {
    const from = cityGeo(rng.pick(['410200', '410300', '411300', '411600', '411400', '411500']));
    return { reason, moveFrom: homeAddress(rng, from) };
  }
  switch (service.code) {
    case 'hukou_birth_registration':
      return { childName: personName(rng, rng.chance(0.5) ? 'M' : 'F'), childBirthDate: ymd(rng, year - 1, year), birthPlace: rng.pick(HOSPITALS) };
    case 'hukou_cancel_death':
      return { deceasedName: personName(rng, rng.chance(0.5) ? 'M' : 'F'), deathDate: ymd(rng, year, year), relation: rng.pick(['子女', '配偶', '父母']) };
    case 'hukou_change_name':
      return { newName: personName(rng, who.sex), reason: rng.pick(['姓名用字生僻', '随母姓', '与他人重名较多']) };
    case 'hukou_correct_birth_date':
      return { correctBirthDate: ymd(rng, who.birthYear, who.birthYear), reason: '户口登记时出生日期登记错误' };
    case 'hukou_move_within_province':
    case 'hukou_move_out_province':
      return { moveTo: rng.pick(['河南省洛阳市涧西区', '河南省开封市鼓楼区', '江苏省苏州市工业园区', '广东省深圳市南山区', '浙江省杭州市西湖区']), reason: rng.pick(['工作调动', '购房迁移', '投靠亲属']) };
  }
  switch (service.branch) {
    case 'residence':
      return { workplace: rng.pick(EMPLOYERS), residenceSince: ymd(rng, year - 3, year) };
    case 'rental':
      return { houseAddress: homeAddress(rng, city), tenantCount: String(rng.int(1, 4)), rentFrom: ymd(rng, year, year) };
    case 'exit_entry':
      return { destination: rng.pick(DESTINATIONS), purpose: rng.pick(PURPOSES) };
    case 'traffic':
      return service.code === 'traffic_inspection_mark' || service.code === 'traffic_vehicle_licence_replacement'
        ? { plate: henanPlate(rng, city.plateLetter) }
        : { licenceClass: rng.pick(['C1', 'C1', 'C2', 'B2', 'A2']) };
    default:
      return {};
  }
}

/** The unit that handles a service: household/residence/rental at a police station, exit-entry at the district, traffic at the city. */
function unitFor(rng: Rng, service: ServiceDef, city: CityGeo, districtCode: string): string {
  if (service.branch === 'traffic') return city.code;
  if (service.branch === 'exit_entry') return districtCode;
  const stations = city.stations.filter((s) => s.code.startsWith(districtCode) && s.name.endsWith('派出所'));
  return stations.length > 0 ? rng.pick(stations).code : districtCode;
}

export function pickService(rng: Rng, index: number): ServiceDef {
  if (index < SERVICES.length) return SERVICES[index] as ServiceDef;
  const branch = rng.weighted(BRANCH_WEIGHTS);
  const inBranch = SERVICES.filter((s) => s.branch === branch);
  return rng.pick(inBranch.length > 0 ? inBranch : SERVICES);
}

export function generateApplication(rng: Rng, city: CityGeo, clock: DemoClock, book: PhotoBook, index: number): ApplicationIntake {
  const service = pickService(rng, index);
  const year = new Date(clock.nowMs).getUTCFullYear();
  const who = person(rng, city, year, service.code === 'residence_permit_student' ? 18 : 20, service.code === 'hukou_settle_parents' ? 80 : 70);
  const districtCode = who.idNumber.slice(0, 6);
  // A hall clears most of its queue in time: submissions reach back a quarter past the service's
  // limit, so about one in five open applications is overdue rather than nearly all of them.
  const maxDaysBack = Math.max(2, Math.ceil(service.limitDays * 1.25));
  const submittedMs = clock.recent(rng, { workingOnly: true, fromMin: 7 * 60 + 30, toMin: 23 * 60 + 30, minAgoMin: 5, maxDaysBack });

  const missing = new Set<number>();
  if (service.materials.length > 1 && rng.chance(MISSING_SHARE)) {
    missing.add(rng.int(0, service.materials.length - 1));
    if (service.materials.length > 3 && rng.chance(0.3)) missing.add(rng.int(0, service.materials.length - 1));
  }
  // Scans are specimens shared per material (two looks each), not one per applicant: rendering
  // ~2,000 personal scans would double the demo start-up time for pictures nobody reads.
  const materials = service.materials.map((m, i) => ({
    code: m.code,
    sha256: missing.has(i) ? null : book.scan({ title: m.name, holder: '（演示样张）', service: '网上申请材料', variant: rng.int(0, 1) }),
  }));

  const ems = service.delivery.includes('ems') && rng.chance(EMS_SHARE);
  return {
    serviceCode: service.code,
    unitCode: unitFor(rng, service, city, districtCode),
    applicant: { name: who.name, idNumber: who.idNumber, phone: who.phone, address: who.address },
    form: formFor(rng, service, who, city, year),
    materials,
    delivery: ems ? 'ems' : 'window',
    emsAddress: ems ? (rng.chance(0.7) ? who.address : homeAddress(rng, city)) : null,
    submittedAt: iso(submittedMs),
  };
}
