import { makeIdNumber } from '#shared/rules/idNumber';

/**
 * Valid intake bodies (the Internet side's submissions) shared by the exchange's and the console's
 * integration tests. Each passes its schema in shared/contract/api.ts; tests vary one field at a time.
 */
export const ID_NUMBER = makeIdNumber('410105', '19850312', 123);

/** An exit-entry passport application collected at the window; `extra` overrides top-level fields. */
export function applicationBody(unitCode = '410100', extra: Record<string, unknown> = {}, name = '张三') {
  return {
    serviceCode: 'exit_passport_first',
    unitCode,
    applicant: { name, idNumber: ID_NUMBER, phone: '13812345678', address: '郑州市金水区花园路1号' },
    form: { purpose: '旅游' },
    materials: [{ code: 'id_card', sha256: null }],
    delivery: 'window',
    ...extra,
  };
}

/** A rear-end collision between two Zhengzhou cars, with the given photos. */
export function accidentBody(unitCode = '410100', photos: { sha256: string; role: string; partyIdx: number | null }[] = []) {
  const party = (name: string, plate: string, situations: string[]) => ({
    name,
    idNumber: ID_NUMBER,
    phone: '13912345678',
    plate,
    vehicleType: '小型轿车',
    insurer: '人保财险',
    hasPlate: true,
    inspectionValid: true,
    insuranceValid: true,
    licenceValid: true,
    statement: '前车正常行驶',
    situations,
  });
  return {
    unitCode,
    occurredAt: '2026-11-20T02:00:00.000Z',
    location: { address: '郑州市金水区花园路与农业路交叉口', lat: 34.78, lng: 113.68 },
    parties: [party('李四', '豫A12345', ['rear_end']), party('王五', '豫A54321', [])],
    declared: [],
    photos,
  };
}

/** A fire-hazard tip from a named reporter. */
export function tipBody(unitCode = '410100') {
  return {
    unitCode,
    category: 'fire',
    content: '小区地下车库堆放大量易燃物品，存在火灾隐患',
    location: { address: '郑州市二七区大学路8号', lat: null, lng: null },
    reporter: { anonymous: false, name: '赵六', phone: '13700001111', idNumber: null },
    attachments: [],
  };
}
