import { defineNamespace } from '../shape';

/**
 * `domain`: the vocabulary of shared/domain that several features show — statuses of every kind,
 * command types, delivery methods, reject reasons. When a status, command type or reason is added
 * there, add it here (the i18n test lists what must exist).
 */
export const domain = defineNamespace(
  {
    status: {
      application: {
        submitted: '待审核',
        supplement_requested: '待补正',
        approved: '已批准待领证',
        rejected: '已驳回',
        completed: '已办结',
        withdrawn: '已撤回',
      },
      accident: {
        reported: '待认定',
        photos_requested: '待补拍照片',
        determined: '已认定',
        referred: '已转现场处理',
        closed: '已结案',
        withdrawn: '已撤回',
      },
      tip: { new: '新线索', routed: '已流转', case_opened: '已立案', duplicate: '重复线索', closed: '已办结' },
    },
    commandType: {
      claim: '认领',
      release: '释放',
      renew: '续期认领',
      take_over: '接手',
      note: '备注',
      decide: '决定',
      request_supplement: '一次性告知补正',
      hand_over: '核验领证',
      refer: '转现场处理',
      close: '结案',
      route: '流转',
      link_duplicate: '关联为重复',
      not_duplicate: '标记不重复',
      open_case: '立案',
      triage: '研判',
      feedback: '回复举报人',
    },
    delivery: { window: '窗口领取', ems: 'EMS邮寄' },
    rejectReason: {
      not_eligible: '不符合办理条件',
      materials_false: '材料虚假',
      duplicate_application: '重复申请',
      outside_jurisdiction: '不属本辖区',
      other: '其他（须填写说明）',
    },
  },
  {
    status: {
      application: {
        submitted: 'To review',
        supplement_requested: 'Awaiting material',
        approved: 'Approved',
        rejected: 'Rejected',
        completed: 'Completed',
        withdrawn: 'Withdrawn',
      },
      accident: {
        reported: 'To determine',
        photos_requested: 'Awaiting photos',
        determined: 'Determined',
        referred: 'Referred on scene',
        closed: 'Closed',
        withdrawn: 'Withdrawn',
      },
      tip: { new: 'New', routed: 'Routed', case_opened: 'Case opened', duplicate: 'Duplicate', closed: 'Closed' },
    },
    commandType: {
      claim: 'Claim',
      release: 'Release',
      renew: 'Renew claim',
      take_over: 'Take over',
      note: 'Note',
      decide: 'Decision',
      request_supplement: 'Request all missing material',
      hand_over: 'Hand over',
      refer: 'Refer on scene',
      close: 'Close',
      route: 'Route',
      link_duplicate: 'Link as duplicate',
      not_duplicate: 'Not a duplicate',
      open_case: 'Open case',
      triage: 'Triage',
      feedback: 'Reply to reporter',
    },
    delivery: { window: 'Collect at window', ems: 'EMS mail' },
    rejectReason: {
      not_eligible: 'Not eligible',
      materials_false: 'False material',
      duplicate_application: 'Duplicate application',
      outside_jurisdiction: 'Outside jurisdiction',
      other: 'Other (explain)',
    },
  },
);
