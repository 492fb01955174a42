/**
 * Liability scenario tables for the quick procedure (快处快赔), versioned. A determination records
 * the version it was proposed under, so an old case still explains itself after the table changes.
 * Add a new version instead of editing a published one; point CURRENT_* at it.
 *
 * Kinds:
 * - `fault`: a listed situation; a party with one and an other party without bears full liability.
 * - `front_exception`: only meaningful against a rear-end collision: the front vehicle contributed
 *   (rear primary, front secondary).
 * - `art61`: fleeing the scene or faking evidence (道路交通安全法实施条例 第九十二条 / 程序规定
 *   第六十一条): full liability whatever else happened.
 *
 * `rank` orders fault situations when a party has several (the lowest rank names the scenario)
 * and lets reversing/rolling back outrank the rear-end rule.
 */
export type ScenarioKind = 'fault' | 'front_exception' | 'art61';

export interface LiabilityScenario {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly kind: ScenarioKind;
  readonly rank: number;
}

export interface LiabilityTable {
  readonly version: string;
  readonly region: string;
  readonly scenarios: readonly LiabilityScenario[];
}

const HA_2024_1: LiabilityTable = {
  version: 'HA-2024.1',
  region: '410000',
  scenarios: [
    { code: 'fled_scene', name: '逃逸', nameEn: 'Fled the scene', kind: 'art61', rank: 1 },
    { code: 'fake_evidence', name: '伪造现场、毁灭证据', nameEn: 'Faked the scene or destroyed evidence', kind: 'art61', rank: 2 },
    { code: 'reversing', name: '倒车', nameEn: 'Reversing', kind: 'fault', rank: 10 },
    { code: 'rolling_back', name: '溜车', nameEn: 'Rolling back', kind: 'fault', rank: 11 },
    { code: 'rear_end', name: '追尾', nameEn: 'Rear-end collision (following vehicle)', kind: 'fault', rank: 20 },
    { code: 'red_light', name: '闯红灯', nameEn: 'Ran a red light', kind: 'fault', rank: 30 },
    { code: 'wrong_way', name: '逆行', nameEn: 'Driving the wrong way', kind: 'fault', rank: 31 },
    { code: 'ignore_officer_signal', name: '不按交警指挥通行', nameEn: "Ignored a traffic officer's signal", kind: 'fault', rank: 32 },
    { code: 'closed_road_or_dedicated_lane', name: '驶入禁行道路或专用车道', nameEn: 'Entered a closed road or a dedicated lane', kind: 'fault', rank: 33 },
    { code: 'illegal_u_turn', name: '违法掉头', nameEn: 'Illegal U-turn', kind: 'fault', rank: 34 },
    { code: 'improper_overtaking', name: '违法超车', nameEn: 'Improper overtaking', kind: 'fault', rank: 35 },
    { code: 'solid_line_lane_change', name: '压实线变道', nameEn: 'Changed lanes across a solid line', kind: 'fault', rank: 36 },
    { code: 'lane_change', name: '变更车道未让正常行驶车辆', nameEn: 'Changed lanes without yielding', kind: 'fault', rank: 37 },
    { code: 'door_opening', name: '开关车门妨碍通行', nameEn: 'Opened a door into traffic', kind: 'fault', rank: 38 },
    { code: 'turn_not_yield_straight', name: '转弯未让直行', nameEn: 'Turning vehicle did not yield to straight traffic', kind: 'fault', rank: 40 },
    { code: 'not_yield_priority', name: '未让优先通行车辆', nameEn: 'Did not yield where signs give priority', kind: 'fault', rank: 41 },
    { code: 'not_yield_right', name: '未让右方道路来车', nameEn: 'Did not yield to the vehicle from the right', kind: 'fault', rank: 42 },
    { code: 'right_turn_not_yield_left_turn', name: '右转弯未让左转弯', nameEn: 'Right-turner did not yield to an opposite left-turner', kind: 'fault', rank: 43 },
    { code: 'entering_road_not_yield', name: '驶入道路未让行', nameEn: 'Entered the road from a car park or side road without yielding', kind: 'fault', rank: 44 },
    { code: 'roundabout_not_yield', name: '进入环岛未让已在环岛内车辆', nameEn: 'Entered a roundabout without yielding', kind: 'fault', rank: 45 },
    { code: 'front_no_tail_lights_night', name: '前车夜间尾灯不亮', nameEn: 'Front vehicle had no tail lights at night', kind: 'front_exception', rank: 90 },
    { code: 'front_stopped_no_warning', name: '前车停车未开危险报警闪光灯或设置警告标志', nameEn: 'Front vehicle stopped without hazard lights or warning triangle', kind: 'front_exception', rank: 91 },
    { code: 'front_unmarked_overlength_load', name: '前车超长装载未设标志', nameEn: 'Front vehicle carried an unmarked over-length load', kind: 'front_exception', rank: 92 },
  ],
};

export const LIABILITY_TABLES: Readonly<Record<string, LiabilityTable>> = { [HA_2024_1.version]: HA_2024_1 };

export const CURRENT_LIABILITY_TABLE_VERSION = HA_2024_1.version;
