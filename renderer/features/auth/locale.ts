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
    demoHint: '演示环境：警号 100001（窗口民警）、100002（交警）、100003（情报）、100004（督导），密码 Demo#2026',
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
    demoHint: 'Demo: badges 100001 (clerk), 100002 (traffic), 100003 (intel), 100004 (supervisor); password Demo#2026',
    offlineNotice: 'The exchange cannot be reached: only officers who logged in online on this machine before can unlock offline.',
  },
);
