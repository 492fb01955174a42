/**
 * Appointment services (预约类; the seed counts 63 on the platform): booked online for a slot at a
 * hall's "Internet +" window (DOMAIN.md "The service hall"). A representative set of the branches
 * the seed names — exit-entry photo capture and collection, household-registration visits,
 * driving-licence and vehicle services — each with its slot length and how many citizens one
 * window serves per slot.
 *
 * Codes are stable (stored in appointments and ratings): never rename one.
 * Slots: working days (shared/rules/workdays.ts), 09:00–12:00 and 13:30–17:00 Asia/Shanghai, in
 * steps of the service's `slotMinutes`.
 */
export interface AppointmentServiceDef {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly branch: 'exit_entry' | 'household' | 'traffic' | 'residence';
  readonly slotMinutes: 15 | 30 | 60;
  /** Bookings one hall takes for one slot of this service. */
  readonly perSlot: number;
}

export const APPOINTMENT_SERVICES: readonly AppointmentServiceDef[] = [
  { code: 'appt_exit_entry_photo', name: '出入境证件照片采集', nameEn: 'Exit-entry document photo capture', branch: 'exit_entry', slotMinutes: 15, perSlot: 4 },
  { code: 'appt_exit_entry_collect', name: '出入境证件领取', nameEn: 'Exit-entry document collection', branch: 'exit_entry', slotMinutes: 30, perSlot: 6 },
  { code: 'appt_passport_first', name: '首次申领普通护照', nameEn: 'First ordinary passport', branch: 'exit_entry', slotMinutes: 30, perSlot: 3 },
  { code: 'appt_hk_macao_permit', name: '往来港澳通行证办理', nameEn: 'Hong Kong & Macao travel permit', branch: 'exit_entry', slotMinutes: 30, perSlot: 3 },
  { code: 'appt_hukou_window', name: '户籍窗口现场办理', nameEn: 'Household-registration window visit', branch: 'household', slotMinutes: 30, perSlot: 4 },
  { code: 'appt_id_card_collect', name: '居民身份证领取', nameEn: 'Resident ID card collection', branch: 'household', slotMinutes: 15, perSlot: 6 },
  { code: 'appt_id_card_photo', name: '居民身份证相片采集', nameEn: 'Resident ID card photo capture', branch: 'household', slotMinutes: 15, perSlot: 4 },
  { code: 'appt_residence_permit', name: '居住证领取', nameEn: 'Residence permit collection', branch: 'residence', slotMinutes: 30, perSlot: 4 },
  { code: 'appt_licence_renewal', name: '驾驶证期满换证', nameEn: 'Driving-licence renewal', branch: 'traffic', slotMinutes: 30, perSlot: 4 },
  { code: 'appt_licence_exam', name: '驾驶人科目一考试', nameEn: 'Driving theory test', branch: 'traffic', slotMinutes: 60, perSlot: 8 },
  { code: 'appt_vehicle_registration', name: '机动车注册登记', nameEn: 'Vehicle registration', branch: 'traffic', slotMinutes: 30, perSlot: 3 },
  { code: 'appt_vehicle_transfer', name: '机动车转移登记', nameEn: 'Vehicle ownership transfer', branch: 'traffic', slotMinutes: 30, perSlot: 3 },
];

const BY_CODE = new Map(APPOINTMENT_SERVICES.map((s) => [s.code, s]));

export function findAppointmentService(code: string): AppointmentServiceDef | undefined {
  return BY_CODE.get(code);
}

/** Opening hours of a hall window, as minutes after midnight Asia/Shanghai: [start, end) pairs. */
export const HALL_HOURS: readonly (readonly [number, number])[] = [
  [9 * 60, 12 * 60],
  [13 * 60 + 30, 17 * 60],
];
