/**
 * The online service catalogue the console handles (DOMAIN.md; seed: Henan's "Internet + policing"
 * platform). Household registration: the seed's 29 "one trip" (一趟办结) services, of which three
 * are fully online (入伍注销户口, 出国（境）注销户口, 变更学历); a representative set is listed here,
 * plus the residence permit, rental-housing registration, exit-entry and traffic-admin services.
 *
 * Codes are stable identifiers stored in applications and attachment roles (`material:<code>`):
 * never rename one; retire a service by removing it only once no open application uses it.
 * `limitDays` are statutory/promised limits in working days (shared/rules/workdays.ts counts them).
 */
export type ServiceBranch = 'household' | 'residence' | 'rental' | 'exit_entry' | 'traffic';
export type ServiceMode = 'one_trip' | 'fully_online';

export interface MaterialDef {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
}

export interface ServiceDef {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly branch: ServiceBranch;
  readonly materials: readonly MaterialDef[];
  readonly limitDays: number;
  readonly delivery: readonly ('window' | 'ems')[];
  readonly mode: ServiceMode;
}

const M = {
  id_card: ['居民身份证', 'Resident ID card'],
  hukou_book: ['居民户口簿', 'Household register booklet'],
  photo: ['近期免冠证件照片', 'Recent ID photo'],
  marriage_certificate: ['结婚证', 'Marriage certificate'],
  kinship_proof: ['亲属关系证明', 'Proof of kinship'],
  housing_proof: ['合法稳定住所证明', 'Proof of legal residence'],
  property_certificate: ['不动产权证书', 'Property ownership certificate'],
  diploma: ['学历证书', 'Diploma'],
  graduate_report_card: ['就业报到证', 'Graduate employment report card'],
  employment_contract: ['劳动合同', 'Employment contract'],
  social_insurance_record: ['社会保险缴纳证明', 'Social-insurance payment record'],
  talent_certificate: ['人才引进审批材料', 'Talent-introduction approval'],
  birth_medical_certificate: ['出生医学证明', 'Medical birth certificate'],
  discharge_certificate: ['退出现役证明', 'Military discharge certificate'],
  migration_permit: ['准予迁入证明', 'Permit to move in'],
  migration_certificate: ['户口迁移证', 'Household migration certificate'],
  death_certificate: ['死亡医学证明', 'Medical death certificate'],
  enlistment_notice: ['入伍通知书', 'Enlistment notice'],
  settlement_abroad_proof: ['国（境）外定居证明', 'Proof of settlement abroad'],
  name_change_statement: ['变更姓名申请书', 'Name-change statement'],
  birth_date_evidence: ['出生日期原始证明材料', 'Original evidence of birth date'],
  employment_proof: ['工作单位证明', 'Proof of employer'],
  loss_statement: ['遗失声明', 'Statement of loss'],
  residence_permit: ['居住证', 'Residence permit'],
  residence_registration_proof: ['居住登记证明', 'Residence registration proof'],
  study_proof: ['就读证明', 'Proof of study'],
  lease_contract: ['房屋租赁合同', 'Lease contract'],
  tenant_id_card: ['承租人身份证件', "Tenant's ID document"],
  passport: ['普通护照', 'Passport'],
  hk_macau_permit: ['往来港澳通行证', 'Mainland travel permit for Hong Kong and Macau'],
  taiwan_permit: ['往来台湾通行证', 'Mainland travel permit for Taiwan'],
  driving_licence: ['机动车驾驶证', 'Driving licence'],
  vehicle_licence: ['机动车行驶证', 'Vehicle licence'],
  medical_certificate: ['机动车驾驶人身体条件证明', "Driver's medical certificate"],
  insurance_policy: ['交强险保单', 'Compulsory insurance policy'],
  vehicle_tax_proof: ['车船税纳税或免税证明', 'Vehicle and vessel tax proof'],
} as const satisfies Record<string, readonly [string, string]>;
type MaterialCode = keyof typeof M;

const materials = (...codes: MaterialCode[]): MaterialDef[] => codes.map((code) => ({ code, name: M[code][0], nameEn: M[code][1] }));
const BOTH = ['window', 'ems'] as const;

export const SERVICES: readonly ServiceDef[] = [
  // ---- household registration (户政) — one trip ---------------------------------------------------
  { code: 'hukou_settle_marriage', name: '夫妻投靠入户', nameEn: 'Settling with a spouse', branch: 'household', materials: materials('hukou_book', 'id_card', 'marriage_certificate', 'housing_proof'), limitDays: 10, delivery: BOTH, mode: 'one_trip' },
  { code: 'hukou_settle_parents', name: '父母投靠子女入户', nameEn: 'Parents settling with their child', branch: 'household', materials: materials('hukou_book', 'id_card', 'kinship_proof', 'housing_proof'), limitDays: 10, delivery: BOTH, mode: 'one_trip' },
  { code: 'hukou_settle_children', name: '子女投靠父母入户', nameEn: 'Children settling with their parents', branch: 'household', materials: materials('hukou_book', 'id_card', 'birth_medical_certificate', 'kinship_proof'), limitDays: 10, delivery: BOTH, mode: 'one_trip' },
  { code: 'hukou_settle_house_purchase', name: '购房入户', nameEn: 'Settling by home purchase', branch: 'household', materials: materials('hukou_book', 'id_card', 'property_certificate'), limitDays: 10, delivery: BOTH, mode: 'one_trip' },
  { code: 'hukou_settle_employment', name: '稳定就业入户', nameEn: 'Settling by stable employment', branch: 'household', materials: materials('hukou_book', 'id_card', 'employment_contract', 'social_insurance_record', 'housing_proof'), limitDays: 10, delivery: BOTH, mode: 'one_trip' },
  { code: 'hukou_settle_talent', name: '人才引进入户', nameEn: 'Settling as introduced talent', branch: 'household', materials: materials('hukou_book', 'id_card', 'diploma', 'talent_certificate'), limitDays: 10, delivery: BOTH, mode: 'one_trip' },
  { code: 'hukou_settle_graduate', name: '大中专毕业生入户', nameEn: 'Settling as a graduate', branch: 'household', materials: materials('id_card', 'diploma', 'graduate_report_card', 'migration_certificate'), limitDays: 5, delivery: BOTH, mode: 'one_trip' },
  { code: 'hukou_settle_discharged', name: '退役士兵恢复户口', nameEn: 'Restoring registration after military discharge', branch: 'household', materials: materials('id_card', 'discharge_certificate', 'hukou_book'), limitDays: 5, delivery: BOTH, mode: 'one_trip' },
  { code: 'hukou_birth_registration', name: '出生登记', nameEn: 'Birth registration', branch: 'household', materials: materials('birth_medical_certificate', 'hukou_book', 'id_card', 'marriage_certificate'), limitDays: 5, delivery: BOTH, mode: 'one_trip' },
  { code: 'hukou_move_within_province', name: '省内户口迁移', nameEn: 'Moving registration within the province', branch: 'household', materials: materials('hukou_book', 'id_card', 'housing_proof'), limitDays: 5, delivery: BOTH, mode: 'one_trip' },
  { code: 'hukou_move_out_province', name: '迁往省外', nameEn: 'Moving registration out of the province', branch: 'household', materials: materials('hukou_book', 'id_card', 'migration_permit'), limitDays: 5, delivery: BOTH, mode: 'one_trip' },
  { code: 'hukou_split_household', name: '分户', nameEn: 'Splitting a household', branch: 'household', materials: materials('hukou_book', 'id_card', 'property_certificate'), limitDays: 5, delivery: BOTH, mode: 'one_trip' },
  { code: 'hukou_cancel_death', name: '死亡注销户口', nameEn: 'Cancelling registration on death', branch: 'household', materials: materials('hukou_book', 'death_certificate', 'id_card'), limitDays: 3, delivery: BOTH, mode: 'one_trip' },
  { code: 'hukou_cancel_enlistment', name: '入伍注销户口', nameEn: 'Cancelling registration on enlistment', branch: 'household', materials: materials('hukou_book', 'enlistment_notice'), limitDays: 3, delivery: BOTH, mode: 'fully_online' },
  { code: 'hukou_cancel_emigration', name: '出国（境）注销户口', nameEn: 'Cancelling registration on settling abroad', branch: 'household', materials: materials('hukou_book', 'settlement_abroad_proof'), limitDays: 5, delivery: BOTH, mode: 'fully_online' },
  { code: 'hukou_change_education', name: '变更学历', nameEn: 'Changing recorded education', branch: 'household', materials: materials('hukou_book', 'diploma'), limitDays: 3, delivery: BOTH, mode: 'fully_online' },
  { code: 'hukou_change_employer', name: '变更服务处所', nameEn: 'Changing recorded employer', branch: 'household', materials: materials('hukou_book', 'employment_proof'), limitDays: 3, delivery: BOTH, mode: 'one_trip' },
  { code: 'hukou_change_name', name: '变更姓名', nameEn: 'Changing a name', branch: 'household', materials: materials('hukou_book', 'id_card', 'name_change_statement'), limitDays: 20, delivery: BOTH, mode: 'one_trip' },
  { code: 'hukou_correct_birth_date', name: '更正出生日期', nameEn: 'Correcting a date of birth', branch: 'household', materials: materials('hukou_book', 'id_card', 'birth_date_evidence'), limitDays: 20, delivery: BOTH, mode: 'one_trip' },
  { code: 'hukou_book_replacement', name: '补领户口簿', nameEn: 'Replacing a household register booklet', branch: 'household', materials: materials('id_card', 'loss_statement'), limitDays: 5, delivery: BOTH, mode: 'one_trip' },

  // ---- residence permit (居住证) ------------------------------------------------------------------
  { code: 'residence_permit_first', name: '居住证首次申领', nameEn: 'Residence permit, first application', branch: 'residence', materials: materials('id_card', 'photo', 'residence_registration_proof', 'employment_contract'), limitDays: 15, delivery: BOTH, mode: 'one_trip' },
  { code: 'residence_permit_student', name: '居住证申领（就读）', nameEn: 'Residence permit for a student', branch: 'residence', materials: materials('id_card', 'photo', 'residence_registration_proof', 'study_proof'), limitDays: 15, delivery: BOTH, mode: 'one_trip' },
  { code: 'residence_permit_renewal', name: '居住证签注', nameEn: 'Residence permit, yearly endorsement', branch: 'residence', materials: materials('id_card', 'residence_permit', 'residence_registration_proof'), limitDays: 5, delivery: BOTH, mode: 'one_trip' },

  // ---- rental housing (出租房屋登记) --------------------------------------------------------------
  { code: 'rental_registration', name: '出租房屋登记', nameEn: 'Rental-housing registration', branch: 'rental', materials: materials('id_card', 'property_certificate', 'lease_contract', 'tenant_id_card'), limitDays: 3, delivery: ['window'], mode: 'one_trip' },

  // ---- exit-entry (出入境) ------------------------------------------------------------------------
  { code: 'exit_passport_first', name: '普通护照首次申领', nameEn: 'Passport, first application', branch: 'exit_entry', materials: materials('id_card', 'photo'), limitDays: 7, delivery: BOTH, mode: 'one_trip' },
  { code: 'exit_passport_renewal', name: '普通护照换发', nameEn: 'Passport renewal', branch: 'exit_entry', materials: materials('id_card', 'photo', 'passport'), limitDays: 7, delivery: BOTH, mode: 'one_trip' },
  { code: 'exit_hk_macau_permit', name: '往来港澳通行证申领', nameEn: 'Hong Kong and Macau travel permit', branch: 'exit_entry', materials: materials('id_card', 'photo'), limitDays: 7, delivery: BOTH, mode: 'one_trip' },
  { code: 'exit_taiwan_permit', name: '往来台湾通行证申领', nameEn: 'Taiwan travel permit', branch: 'exit_entry', materials: materials('id_card', 'photo'), limitDays: 7, delivery: BOTH, mode: 'one_trip' },
  { code: 'exit_hk_macau_endorsement', name: '往来港澳签注', nameEn: 'Hong Kong and Macau endorsement', branch: 'exit_entry', materials: materials('id_card', 'hk_macau_permit'), limitDays: 5, delivery: BOTH, mode: 'one_trip' },

  // ---- traffic administration (交管) --------------------------------------------------------------
  { code: 'traffic_licence_renewal', name: '驾驶证期满换证', nameEn: 'Driving licence renewal on expiry', branch: 'traffic', materials: materials('id_card', 'driving_licence', 'medical_certificate', 'photo'), limitDays: 1, delivery: BOTH, mode: 'one_trip' },
  { code: 'traffic_licence_replacement', name: '驾驶证遗失补领', nameEn: 'Replacing a lost driving licence', branch: 'traffic', materials: materials('id_card', 'photo', 'loss_statement'), limitDays: 1, delivery: BOTH, mode: 'one_trip' },
  { code: 'traffic_licence_transfer_in', name: '驾驶证转入换证', nameEn: 'Transferring a driving licence in', branch: 'traffic', materials: materials('id_card', 'driving_licence', 'medical_certificate', 'photo'), limitDays: 3, delivery: BOTH, mode: 'one_trip' },
  { code: 'traffic_inspection_mark', name: '免检车辆检验标志核发', nameEn: 'Inspection mark for an inspection-exempt vehicle', branch: 'traffic', materials: materials('vehicle_licence', 'insurance_policy', 'vehicle_tax_proof'), limitDays: 1, delivery: BOTH, mode: 'one_trip' },
  { code: 'traffic_vehicle_licence_replacement', name: '补领机动车行驶证', nameEn: 'Replacing a lost vehicle licence', branch: 'traffic', materials: materials('id_card', 'loss_statement'), limitDays: 1, delivery: BOTH, mode: 'one_trip' },
];

const BY_CODE = new Map(SERVICES.map((s) => [s.code, s]));

export function findService(code: string): ServiceDef | undefined {
  return BY_CODE.get(code);
}

/** Every material the catalogue knows, by code (for labels of supplied scans). */
export const MATERIALS: Readonly<Record<string, MaterialDef>> = Object.fromEntries(
  Object.entries(M).map(([code, [name, nameEn]]) => [code, { code, name, nameEn }]),
);
