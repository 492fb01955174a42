import type { TipCategory } from '#shared/domain/items';

/**
 * What tips are about and how citizens write them, as data for the tip corpus (tipCorpus.ts).
 *
 * A matter is one kind of thing happening (drugs at a KTV, e-bikes charged in a stairwell, the
 * fake-police script …) at one kind of place. Each has several frames: different ways of writing
 * it — other word order, other words, other details — so two reports of one incident can be
 * written from two frames and read like two people wrote them. Slots: `{at}` the place as the
 * reporter spells it, `{when}` a time phrase, `{phone}` `{account}` `{plate}` the incident's
 * identifiers; `[a|b|c]` picks one. These labels are the corpus's own truth: they are not the
 * rule's matter table (shared/rules/tipDuplicates.ts MATTERS), whose words must find them.
 *
 * Frames of fraud tips never say the money is moving right now (正在转账 …): only the demo's
 * showcase tip does (tipShowcase.ts), so it tops the triage order.
 */
export type PlaceKind = 'venue' | 'compound' | 'road' | 'junction' | 'none';

export interface MatterText {
  /** The corpus's label, category.matter. */
  readonly id: string;
  readonly category: TipCategory;
  readonly where: PlaceKind;
  /** For `venue`: the venue kinds (VENUE_TEXTS) it happens at. */
  readonly venues?: readonly string[];
  readonly ids?: readonly ('phone' | 'account' | 'plate')[];
  /** At least three, so the reports of one incident can each use another. */
  readonly frames: readonly string[];
  /** Words triage reads as urgent appear in its frames (正在, 今晚, 持刀, 马上 …). */
  readonly urgent?: boolean;
  /** An evidence photo is unlikely (nobody stops to photograph armed men). */
  readonly noPhoto?: boolean;
  /**
   * Reported by one citizen only: a call in progress is known to the one relative who calls in.
   * (Nothing in such a tip — no place, no number — could tell its repeats apart from other
   * victims' anyway.)
   */
  readonly reportedOnce?: boolean;
}

export const MATTER_TEXTS: readonly MatterText[] = [
  // ---- vice
  { id: 'vice.drugs', category: 'vice', where: 'venue', venues: ['KTV', '酒吧'], frames: [
    '举报{at}[三楼|二楼]包间每天晚上有人吸食K粉，还有人在卖摇头丸。',
    '{at}里面有人吸毒，{when}经常有人在包厢里溜冰，服务员还帮着望风。',
    '我朋友{when}在{at}玩，看到有人在卖毒品，说是摇头丸，一百多块一颗，[请警察查一查|希望严查]。',
    '{when}去{at}，几个年轻人在卡座偷偷吸K粉，还拿锡纸烤东西，味道很怪。',
  ] },
  { id: 'vice.drugs_home', category: 'vice', where: 'compound', frames: [
    '举报{at}出租屋内有人吸毒，楼道里经常能闻到怪味，还有锡纸和吸管。',
    '{at}有个租户天天半夜来很多人，门口扔着锡纸和矿泉水瓶做的壶，应该是在溜冰。',
    '怀疑{at}有人在家里吸毒，人瘦得不成样子，经常半夜大喊大叫，[邻居都很害怕|孩子都不敢出门]。',
  ] },
  { id: 'vice.gambling', category: 'vice', where: 'venue', venues: ['棋牌室', '酒店'], frames: [
    '{at}每晚都有十几个人聚众赌博，输赢很大，还有人放高利贷。',
    '{at}打着棋牌的幌子开赌场，炸金花、推牌九，一晚上输赢几万，门口有人放哨。',
    '我老公天天去{at}赌钱，把家里的钱都输光了，那里{when}都有二三十人在赌。',
    '{at}现在正在聚众赌博，门口有人放哨，大概二十多人，请马上出警。',
  ] },
  { id: 'vice.prostitution', category: 'vice', where: 'venue', venues: ['足疗店', '酒店', 'KTV'], frames: [
    '{at}晚上十点以后还在营业，经常有陌生男子进出，怀疑有卖淫嫖娼活动。',
    '{at}名义上是正规店，实际提供特殊服务，有人在门口发小卡片拉客。',
    '{at}的人主动问要不要“加钟”做特殊服务，一次三百，明显是卖淫。',
    '{at}里有陪侍小姐，包间里搞色情活动，[晚上|周末]人特别多。',
  ] },
  // ---- fire
  { id: 'fire.exit_blocked', category: 'fire', where: 'venue', venues: ['KTV', '网吧', '酒店', '商场', '酒吧'], frames: [
    '{at}的安全出口被锁死了，消防通道堆满了[啤酒箱|杂物]，出了事人都跑不出来。',
    '{at}为了防止逃单把后门逃生通道用铁链锁住了，只留一个门进出。',
    '去{at}发现疏散通道被货架堵着，防火门也上了锁，人多的时候很危险。',
  ] },
  { id: 'fire.ebike_charging', category: 'fire', where: 'compound', frames: [
    '{at}楼道里有人给电动车充电，电线从窗户拉下来，晚上一直充。',
    '{at}一楼大厅停满了电瓶车，好几家飞线充电，插线板就扔在地上。',
    '我们{at}有住户把电动车推进电梯带回家充电，楼道里也在充，物业不管。',
  ] },
  { id: 'fire.gas', category: 'fire', where: 'venue', venues: ['饭店'], frames: [
    '{at}把液化气罐放在后厨门口，管道老化有气味，担心出事。',
    '{at}后厨有五六个煤气罐，就摆在过道里，经常闻到漏气的味道。',
    '{at}在门口人行道上用气罐炒菜，罐子挨着炉子，太危险了。',
  ] },
  { id: 'fire.equipment', category: 'fire', where: 'compound', frames: [
    '{at}地下车库的消防栓没有水，灭火器都过期了，物业不管。',
    '{at}楼道里的灭火器是三年前的，消火栓箱被锁着打不开。',
    '{at}装修的时候把喷淋头拆了，烟感也是坏的，[找物业好几次了|没人管]。',
  ] },
  { id: 'fire.fireworks', category: 'fire', where: 'venue', venues: ['仓库'], urgent: true, frames: [
    '{at}违规存放大量烟花爆竹，就在居民楼一层，今晚还有货车来卸货。',
    '{at}里堆了很多鞭炮，晚上偷偷往外批发，旁边就是居民区。',
    '有人在{at}囤了好几车烟花，没有任何消防措施，附近住着很多人。',
  ] },
  { id: 'fire.burning', category: 'fire', where: 'compound', urgent: true, frames: [
    '{at}正在冒烟，闻到很浓的焦糊味，好像是电动车着火了，楼上还有人。',
    '{at}楼下车棚起火了，火苗蹿得很高，现在还没人来。',
    '{at}有一户窗户里一直往外冒黑烟，敲门没人应，赶快来人。',
  ] },
  // ---- fraud (no place unless a den; the scammer's number or account names the incident)
  { id: 'fraud.fake_police', category: 'fraud', where: 'none', ids: ['phone'], frames: [
    '我接到电话{phone}，对方自称是公安局的，说我涉嫌洗钱，让我把钱转到安全账户，我没有转。',
    '{when}有个{phone}打给我母亲，冒充民警说她的银行卡涉嫌洗钱被通缉，要她去宾馆配合调查，还不让告诉家人。',
    '{phone}这个号码冒充公安，说我名下有张卡在外地洗钱，让我下载APP把钱放到所谓的安全账户核查。',
  ] },
  { id: 'fraud.brushing', category: 'fraud', where: 'none', ids: ['account'], frames: [
    '有人在微信群里推荐刷单返利，先返了几十元，后来让我垫付五千元就联系不上了，收款账户{account}。',
    '我被拉进一个做任务的群，点赞给佣金，后来要做大单先垫付，我转了三千到{account}就被拉黑了。',
    '刷单返利骗局，对方让我往{account}打钱，说做完任务连本带利返还，结果一分没返。',
  ] },
  { id: 'fraud.loan', category: 'fraud', where: 'none', ids: ['phone'], frames: [
    '冒充“贷款平台”的人让我先交解冻费，已经转了三千元，对方电话{phone}。',
    '我在网上申请贷款，{phone}打来说我银行卡号填错了资金被冻结，要交解冻费才能放款。',
    '{phone}自称是网贷公司的，说我征信有问题，要先刷流水才能下款，已经骗了我两千。',
  ] },
  { id: 'fraud.customer_service', category: 'fraud', where: 'none', ids: ['phone'], frames: [
    '{phone}冒充快递客服，说我的快递丢了要理赔，让我下载会议软件共享屏幕。',
    '有人用{phone}打电话说是某平台客服，说我开通了百万保障要扣费，让我按他说的操作退款。',
    '自称客服的人（电话{phone}）说要给我退款，让我开屏幕共享，还让我把验证码告诉他。',
  ] },
  { id: 'fraud.investment', category: 'fraud', where: 'none', ids: ['account'], frames: [
    '网上认识的人拉我进炒股群，说有内幕消息高回报，让我往{account}转钱投资，现在平台打不开了。',
    '有个理财老师带我们买虚拟币，前几天还能提现，现在说要交税才能提，收款账户{account}。',
    '我在一个投资平台充了两万，对方让我打到私人账户{account}，说是稳赚不赔，现在人找不到了。',
  ] },
  { id: 'fraud.den', category: 'fraud', where: 'venue', venues: ['大厦'], frames: [
    '{at}有一伙人租了房子，每天很多人在里面打电话，窗户都用锡纸封住，怀疑是电信诈骗窝点。',
    '{at}有间办公室二十四小时有人，桌上摆着一排手机和话术本，进出的人很警惕。',
    '{at}楼上那家公司很奇怪，窗户封着，一群年轻人天天对着电脑打电话，听着像在骗人，应该是诈骗团伙。',
  ] },
  { id: 'fraud.video_call', category: 'fraud', where: 'none', urgent: true, reportedOnce: true, frames: [
    '我母亲正在和自称客服的人视频通话，对方让她下载会议软件共享屏幕，说要退保证金，请马上联系她。',
    '我爸现在正跟一个自称客服的视频，对方让他开屏幕共享退保证金，电话打不通，请马上帮忙。',
    '家里老人刚刚接了个客服视频，对方让她共享屏幕说退保证金，我在外地联系不上她，麻烦马上处理。',
  ] },
  // ---- traffic (the plate names the vehicle)
  { id: 'traffic.muck_truck', category: 'traffic', where: 'junction', ids: ['plate'], frames: [
    '{at}每天早上都有渣土车闯红灯，车速很快，还不盖篷布，车牌{plate}。',
    '车牌{plate}的渣土车天天在{at}闯灯，一路撒漏，路上全是泥。',
    '{when}看到{at}一辆渣土车（{plate}）闯红灯，差点撞到电动车，还不盖篷布。',
  ] },
  { id: 'traffic.wrong_way', category: 'traffic', where: 'road', ids: ['plate'], frames: [
    '车牌{plate}的车经常在{at}逆行，还占用非机动车道。',
    '{at}那段有辆{plate}天天逆向行驶，早高峰特别危险。',
    '{when}在{at}又碰见{plate}逆行，已经不是第一次了。',
  ] },
  { id: 'traffic.racing', category: 'traffic', where: 'road', urgent: true, frames: [
    '{at}有人正在飙车，好几辆改装车轰油门，刚才差点撞到行人。',
    '每天半夜{at}都有改装车炸街，声音特别大，车速至少一百多。',
    '{at}现在有一群摩托车在赛车，来回轰油门，请马上来管管。',
  ] },
  { id: 'traffic.drunk', category: 'traffic', where: 'venue', venues: ['饭店'], ids: ['plate'], urgent: true, frames: [
    '{at}门口，有个司机喝了很多酒，现在正准备开车走，车牌{plate}。',
    '{at}吃饭的一桌人喝多了，其中一个要自己开{plate}回家，请马上来人。',
    '刚看到一个一身酒气的人从{at}出来上了{plate}，车开得歪歪扭扭。',
  ] },
  { id: 'traffic.overload', category: 'traffic', where: 'venue', venues: ['小学'], ids: ['plate'], frames: [
    '{at}门口上下学时段经常有面包车超员接送学生，车牌{plate}。',
    '{at}放学时有辆{plate}面包车塞满了孩子，至少坐了十五个。',
    '{plate}这辆车每天在{at}接送学生，严重超载，很不安全。',
  ] },
  // ---- gang
  { id: 'gang.protection', category: 'gang', where: 'venue', venues: ['市场'], frames: [
    '{at}一带有一伙人强收保护费，每个摊位每月五百元，不交就砸摊子。',
    '{at}有几个纹身的人挨个摊位收钱，说是管理费，不给就不让摆。',
    '我在{at}卖菜，每个月都被逼交保护费，交晚了就被打。',
  ] },
  { id: 'gang.debt', category: 'gang', where: 'compound', frames: [
    '有人以讨债公司名义在{at}上门骚扰，泼油漆、堵锁眼，还威胁家人。',
    '{at}有户人家被催收的人天天堵门，门上喷了“欠债还钱”，还砸门。',
    '一伙催收的人连续几天到{at}闹事，在楼道泼油漆，说是套路贷的债。',
  ] },
  { id: 'gang.monopoly', category: 'gang', where: 'venue', venues: ['厂'], frames: [
    '{at}被一伙人把持，别人来拉货就被打，当地人都不敢报警。',
    '{at}的砂石生意被一家垄断，外地车来拉货要交“过路费”，不交就扣车。',
    '{at}那帮人强买强卖，不让别人进场，村里人敢怒不敢言。',
  ] },
  { id: 'gang.brawl', category: 'gang', where: 'venue', venues: ['网吧'], urgent: true, noPhoto: true, frames: [
    '{at}门口现在有十几个人持刀持棍聚集，说要去找人算账，情况很紧急。',
    '{at}外面聚了一帮人，手里拿着钢管和砍刀，好像要打群架。',
    '刚才在{at}听到有人打电话约架，现在门口已经来了二十多人，有的带着刀。',
  ] },
  // ---- other
  { id: 'other.obstruction', category: 'other', where: 'road', frames: [
    '{at}有人长期在路边堆放废品，占用盲道，影响通行。',
    '{at}人行道上堆满了收来的废纸箱和旧家电，盲道全被占了。',
    '{at}那个废品站把东西堆到了人行道上，老人和孩子只能走机动车道。',
  ] },
  { id: 'other.missing_person', category: 'other', where: 'compound', frames: [
    '{at}的一个老人经常一个人在街上走失，家人联系不上，希望社区民警关注一下。',
    '{at}有位老大爷有点糊涂，这周已经迷路两次了，找不到家。',
    '我们{at}有个老人走失过好几次，希望片警帮忙登记一下。',
  ] },
  { id: 'other.data_sale', category: 'other', where: 'none', ids: ['phone'], frames: [
    '有人在网上售卖公民个人信息，声称有本地小区业主名单，联系电话{phone}。',
    '{phone}这个人在群里卖业主名单和手机号，说是各个小区的，一条几毛钱。',
    '发现有人用{phone}推销个人信息，什么车主、业主名单都有。',
  ] },
  { id: 'other.domestic', category: 'other', where: 'compound', urgent: true, frames: [
    '{at}楼上邻居家里一直有孩子哭喊和打骂声，已经持续一个小时了，担心孩子安全。',
    '{at}有户人家男的经常打老婆，今晚又在打，一直在尖叫。',
    '{at}邻居家又传来打孩子的声音，孩子哭喊得很厉害，请马上来看看。',
  ] },
];

/** Venue kinds: how the kind is written (synonyms a reporter may use) and the names such venues have. */
export const VENUE_TEXTS: Readonly<Record<string, { readonly words: readonly string[]; readonly brands: readonly string[] }>> = {
  KTV: { words: ['KTV', 'KTV', '歌厅', '量贩KTV'], brands: ['星光', '欢乐迪', '麦乐迪', '好声音', '金嗓子', '银河', '唱响', '纯K', '天籁', '乐尚', '东方之珠'] },
  酒吧: { words: ['酒吧', '酒吧', '清吧'], brands: ['蓝调', '零点', '魅力', '老码头', '后街', '迷笛', '慢摇', '月光', '同乐'] },
  酒店: { words: ['酒店', '宾馆', '快捷酒店'], brands: ['金源', '中原', '天鹅', '锦华', '福来', '悦居', '如归', '鑫苑', '嵩山', '黄河', '迎宾', '华美'] },
  足疗店: { words: ['足疗店', '足浴店', '足疗'], brands: ['御足堂', '康乐', '悦来', '足道', '百年', '舒心', '健步', '金足', '养心', '怡然'] },
  棋牌室: { words: ['棋牌室', '棋牌馆', '麻将馆'], brands: ['好运来', '老友', '福满堂', '聚友', '鸿运', '开心', '四季', '如意', '金牌', '乐园'] },
  网吧: { words: ['网吧', '网咖'], brands: ['网鱼', '极速', '英雄', '天空', '星际', '飞扬', '战神', '蓝海', '零度', '超越'] },
  饭店: { words: ['饭店', '饭馆', '酒楼'], brands: ['老家', '蜀香', '豫香园', '川味', '王记', '聚福', '合记', '老蔡', '方中山', '好再来', '宴宾', '金满楼'] },
  市场: { words: ['农贸市场', '菜市场'], brands: ['东方红', '大石桥', '陈砦', '万客来', '西郊', '南关', '民主', '北环', '刘庄', '柳林'] },
  大厦: { words: ['大厦', '写字楼'], brands: ['金成', '世贸', '裕达', '绿地', '国贸', '宏图', '华润', '汇金', '恒丰', '天明'] },
  商场: { words: ['商场', '购物中心'], brands: ['百货', '丹尼斯', '万达', '正弘', '大商', '国贸', '王府井', '锦艺'] },
  仓库: { words: ['仓库'], brands: ['宏达', '兴旺', '永安', '顺发', '利民', '通达', '恒通', '众诚'] },
  厂: { words: ['砂石厂'], brands: ['宏达', '兴旺', '永安', '顺发', '河滩', '北岸', '金沙', '黄沙'] },
  小学: { words: ['小学'], brands: ['实验', '育才', '红旗', '文化路第一', '光明', '纬五路第二', '外国语', '新区'] },
};

/**
 * The showcase's venues (金海岸KTV, 夜色酒吧: tipShowcase.ts) are in no list here, so no generated
 * tip names them.
 *
 * More venue names, made of a head and a tail (金悦, 东方豪 …), after a kind's own names run out:
 * a city has far more venues than any list, and one name should be one venue.
 */
export const BRAND_HEADS = ['金', '银', '星', '新', '华', '鑫', '恒', '盛', '福', '瑞', '嘉', '丰', '东方', '天', '龙', '凤', '宏', '乐', '君', '海'];
export const BRAND_TAILS = ['湾', '光', '都', '悦', '豪', '源', '城', '隆', '泰', '汇', '景', '尚', '港', '缘', '顺', '达', '辉', '煌'];

/** Residential compounds: a name and a kind word (锦绣花园, 阳光小区). */
export const COMPOUND_HEADS = [
  '锦绣', '阳光', '幸福', '和谐', '碧水', '绿城', '建业', '金色', '书香', '康桥', '瑞景', '东方', '紫荆', '福泽', '万和', '美景',
  '清华', '枫林', '翠竹', '盛世', '春天', '金桥', '民安', '兴华', '凯旋', '永和', '丽景', '泰和', '长城', '嵩岳', '银河', '天伦',
];
export const COMPOUND_TAILS = ['小区', '花园', '家园', '新城', '华府', '公寓'];

export const WHEN = ['每天晚上', '最近一周', '这几天', '昨天夜里', '周末', '每天半夜', '前天晚上', '这段时间', '上个月'];
/** How a reporter may start and end; most write neither. */
export const OPENERS = ['你好，', '警察同志，', '我要举报，', '您好，我反映个情况：', '实名举报：'];
export const CLOSERS = ['希望尽快处理。', '请派人来看看。', '已经好几天了。', '周围邻居都知道。', '请为我保密。', '之前打过电话，没人管。'];

export const TIP_CATEGORIES: readonly TipCategory[] = ['vice', 'fire', 'fraud', 'traffic', 'gang', 'other'];

/** How often each category comes in (the report: fraud and vice leads are the most common). */
export const TIP_CATEGORY_WEIGHTS: readonly (readonly [TipCategory, number])[] = [
  ['vice', 22], ['fire', 16], ['fraud', 24], ['traffic', 20], ['gang', 6], ['other', 12],
];
