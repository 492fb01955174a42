/**
 * What the parties of a minor accident write in their statements, per liability scenario code
 * (shared/data/liability-table.ts). `fault` is the statement of the party the situation is
 * attributed to, `other` the statement of the party it happened to. `{road}` is replaced with the
 * road the accident happened on. A scenario without an entry falls back to its table name.
 */
export const STATEMENTS: Readonly<Record<string, { fault: string; other: string }>> = {
  rear_end: {
    fault: '我驾车沿{road}行驶，前车减速时我跟车太近，刹车不及追尾了前车。',
    other: '我沿{road}正常行驶，前方路口减速等灯时被后车追尾，车尾受损。',
  },
  lane_change: {
    fault: '我在{road}向左变更车道时没有注意到左侧车道来车，两车发生刮擦。',
    other: '我在{road}本车道直行，右侧车辆突然向我车道变道，我躲避不及发生刮擦。',
  },
  solid_line_lane_change: {
    fault: '我在{road}快到路口时压实线并线，与旁边车道车辆刮擦。',
    other: '我在{road}路口前的直行车道行驶，旁边车辆压实线变道蹭到我车右侧。',
  },
  reversing: {
    fault: '我在{road}路边倒车入位，没看到后方车辆，倒车时碰到后车前部。',
    other: '我在{road}停车等候，前车突然倒车撞到我车前保险杠。',
  },
  rolling_back: {
    fault: '我在{road}坡道起步时车辆后溜，碰到了后面的车。',
    other: '我在{road}坡道上停车等待，前车起步溜车撞到我车前部。',
  },
  door_opening: {
    fault: '我在{road}路边停车后开车门，没有观察后方，车门与经过的车辆刮碰。',
    other: '我沿{road}正常行驶，路边停放的车辆突然打开车门，刮到我车右侧。',
  },
  red_light: {
    fault: '我通过{road}路口时信号灯已经变红，没能停住，与横向来车相撞。',
    other: '我绿灯通过{road}路口，被闯红灯的车辆撞到侧面。',
  },
  wrong_way: {
    fault: '我为了抄近路在{road}逆向行驶了一小段，与对向来车刮擦。',
    other: '我在{road}正常行驶，对方车辆逆行过来，两车左侧刮擦。',
  },
  illegal_u_turn: {
    fault: '我在{road}禁止掉头的地方掉头，与后方直行车辆相撞。',
    other: '我在{road}直行，前车在禁止掉头处突然掉头，我刹车不及撞上。',
  },
  improper_overtaking: {
    fault: '我在{road}从右侧超车，与前车发生刮擦。',
    other: '我在{road}正常行驶，后车从右侧强行超车刮到我车。',
  },
  turn_not_yield_straight: {
    fault: '我在{road}路口左转弯，没有让对向直行车辆先行，两车相撞。',
    other: '我在{road}路口绿灯直行，对向左转车辆抢行撞到我车前部。',
  },
  not_yield_priority: {
    fault: '我从{road}支路路口出来，没有按让行标志停车让行，与主路车辆相撞。',
    other: '我在{road}主路上正常行驶，支路车辆没有让行撞到我车侧面。',
  },
  not_yield_right: {
    fault: '我在{road}无信号灯路口直行，没有让右方来车先行，两车相撞。',
    other: '我从右侧道路驶入{road}路口，左方来车没有让行撞到我车。',
  },
  right_turn_not_yield_left_turn: {
    fault: '我在{road}路口右转弯，没有让对向左转弯的车辆，发生刮擦。',
    other: '我在{road}路口左转弯，对向右转车辆抢行与我车刮擦。',
  },
  entering_road_not_yield: {
    fault: '我从小区停车场驶出到{road}时，没有让主路车辆，与其相撞。',
    other: '我在{road}正常行驶，一辆车从停车场出口突然驶出撞到我车。',
  },
  roundabout_not_yield: {
    fault: '我进入{road}环岛时没有让环岛内的车辆，两车刮擦。',
    other: '我在{road}环岛内正常行驶，入口处车辆没让行与我车刮擦。',
  },
  ignore_officer_signal: {
    fault: '我在{road}路口没有按照交警的手势通行，与横向车辆相撞。',
    other: '我按照交警指挥在{road}路口通行，对方车辆不听指挥撞到我车。',
  },
  closed_road_or_dedicated_lane: {
    fault: '我在{road}误入公交专用道，变道出来时与旁边车辆刮擦。',
    other: '我在{road}正常行驶，对方从公交专用道驶出刮到我车。',
  },
  front_no_tail_lights_night: {
    fault: '晚上在{road}行驶，我车尾灯坏了没有亮，被后车追尾。',
    other: '',
  },
  front_stopped_no_warning: {
    fault: '我车在{road}故障停在行车道上，没有开危险报警闪光灯也没有放警告标志，被后车追尾。',
    other: '',
  },
  front_unmarked_overlength_load: {
    fault: '我车在{road}拉着超长的钢管，尾部没有设置标志，被后车追尾。',
    other: '',
  },
};

/** Statements for cases where nobody declared a situation, or the parties disagree. */
export const NEUTRAL_STATEMENTS = [
  '我在{road}正常行驶，与对方车辆发生刮擦，具体经过见现场照片。',
  '两车在{road}同向行驶时发生刮碰，双方同意通过快处快赔处理。',
  '我在{road}路口附近与对方车辆轻微碰撞，车辆可以移动，已移至路边。',
];

export const DISPUTED_STATEMENTS = [
  '是对方突然变道撞了我，我一直在本车道行驶，不同意对方说法。',
  '对方追尾了我，他说是我急刹车，我不认可。',
  '我没有压线，是对方车速太快，请交警到现场认定。',
];

export const EXCLUSION_NOTES: Readonly<Record<string, string>> = {
  casualties: '对方乘车人说脖子疼，可能需要去医院检查。',
  drink_or_drug: '对方司机身上有酒味。',
  public_damage: '碰撞后撞坏了路边的护栏。',
  disputed_facts: '双方对事故经过有争议。',
};
