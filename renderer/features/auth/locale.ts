import { defineNamespace } from '../../app/i18n/shape';

/** `auth`: the login screen. */
export const auth = defineNamespace(
  {
    title: '民警登录',
    subtitle: '公安内网 · 业务办理工作台',
    badge: '警号',
    password: '密码',
    submit: '登录',
    submitting: '正在登录…',
    badgeFormat: '警号应为 6 位数字。',
    demoHint: '演示环境，密码均为 Demo#2026。郑州：100001、100005 窗口民警，100002 交警，100003 情报，100004 督导；洛阳：300001 窗口民警，300002 交警；省厅：900001 管理员',
    offlineNotice: '无法连接交换平台：仅曾在本机在线登录过的民警可离线登录。',
  },
  {
    title: 'Officer login',
    subtitle: 'Police internal network · Officer Console',
    badge: 'Badge',
    password: 'Password',
    submit: 'Log in',
    submitting: 'Logging in…',
    badgeFormat: 'The badge number has 6 digits.',
    demoHint: 'Demo, password Demo#2026 for all. Zhengzhou: 100001, 100005 clerks, 100002 traffic, 100003 intelligence, 100004 supervisor; Luoyang: 300001 clerk, 300002 traffic; province: 900001 admin',
    offlineNotice: 'The exchange cannot be reached: only officers who logged in online on this machine before can unlock offline.',
  },
);
