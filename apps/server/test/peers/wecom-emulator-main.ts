/**
 * The WeCom emulator on a fixed port with a demo corp, for trial runs of the
 * hall by hand (the tests start their own emulators).
 *
 *   node apps/server/test/peers/wecom-emulator-main.ts
 *   WECOM_EMULATOR_PORT=4010 WECOM_TRUSTED_DOMAIN=localhost:3000 node apps/server/test/peers/wecom-emulator-main.ts
 *
 * WECOM_TRUSTED_DOMAIN is the app's 可信域名: the host (and port) of the
 * hall's PUBLIC_URL, compared exactly. On start it prints the settings and
 * the secret to give the hall. Opening the hall's WeCom login then shows the
 * emulator's page to pick who is logged in to WeCom. Ctrl-C stops it.
 */
import { startWecomEmulator } from './wecom-emulator.ts';

const port = Number(process.env.WECOM_EMULATOR_PORT ?? 4010);
const trustedDomain = process.env.WECOM_TRUSTED_DOMAIN ?? 'localhost:3000';
const secret = 'onehall-demo-wecom-secret';

const emulator = await startWecomEmulator({
  corpId: 'wwonehalldemo0001',
  agentId: 1000002,
  secret,
  trustedDomain,
  port,
  members: [
    { userid: 'zhangsan', name: '张三', department: [2], mobile: '13800000001', email: 'zhangsan@yunlu.edu.cn', position: '辅导员' },
    { userid: 'lisi', name: '李四', department: [3], mobile: '13800000002' },
    { userid: 'wangwu', name: '王五', department: [3], mobile: '13800000003', visible: false },
    { userid: 'zhaoliu', name: '赵六', department: [4], status: 2 },
  ],
  wechatUsers: [{ openid: 'oDemoVisitor0001' }],
});

console.log(`WeCom emulator at ${emulator.url} (可信域名 ${trustedDomain})`);
console.log('WeCom settings:', JSON.stringify(emulator.settings()));
console.log(`secret: ${secret}`);
console.log('members: zhangsan, lisi (visible), wangwu (outside the visible range), zhaoliu (disabled); non-member: oDemoVisitor0001');

const stop = () => void emulator.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
