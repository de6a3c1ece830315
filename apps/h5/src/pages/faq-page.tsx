import '../styles/pages.css';
import { useEffect, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { limits } from '@onehall/contracts';
import { PageHeader } from '../components/page-header.tsx';
import { smsRules } from '../lib/verification-rules.ts';

const perPhone = smsRules.perPhone;
const codeMinutes = Math.round(smsRules.expiresInSeconds / 60);

/**
 * The manual's chapter 4, rewritten for what this hall does: binding and
 * unbinding both ask for a login made just now, so the WeChat cache the
 * manual spends a chapter on never carries an old identity along.
 *
 * The lock (5 wrong passwords, 15 minutes) is the server's default setting
 * (LOGIN_MAX_FAILURES, LOGIN_LOCK_MINUTES); the contracts do not carry it.
 */
const questions: { id: string; question: string; answer: ReactNode }[] = [
  {
    id: 'new-number',
    question: '更换学号怎么办？',
    answer: (
      <>
        <p>
          如因民族预科生转本科、本科生继续在本校读研等原因更换了学号，请先<Link to="/unbind">解除绑定</Link>，再用新学号重新进行<Link to="/register">用户注册</Link>。
        </p>
        <p>管理员也可以把新学号关联到同一人，原来的申请和待办会随人保留。如有需要，请联系信息中心。</p>
      </>
    ),
  },
  {
    id: 'wechat-cache',
    question: '还需要清理微信缓存吗？',
    answer: <p>不需要。用户注册和解除绑定都会先退出当前登录、要求重新登录，原来的身份不会被自动带入。解除绑定后可以立即用新学号注册。</p>,
  },
  {
    id: 'phone-mismatch',
    question: '手机号与微信绑定的手机号不一致怎么办？',
    answer: <p>注册时填写的手机号都要用短信验证码验证：填写本人正在使用的手机号，点击【获取验证码】，填写收到的短信验证码即可完成绑定。建议使用与微信绑定一致的手机号。</p>,
  },
  {
    id: 'no-code',
    question: '收不到验证码怎么办？',
    answer: (
      <p>
        请先检查手机号是否填写正确、短信是否被手机拦截。每个手机号每分钟最多获取 {perPhone.minute} 条、每小时 {perPhone.hour} 条、每天 {perPhone.day} 条验证码，验证码 {codeMinutes} 分钟内有效；超过次数请稍后再试。
      </p>
    ),
  },
  {
    id: 'login',
    question: '用户名和密码是什么？',
    answer: <p>用户名为学校统一身份认证平台的用户名：教师为工号，学生为学号。初始密码为身份证后 {limits.initialPasswordLength} 位，首次登录后须修改。</p>,
  },
  {
    id: 'locked',
    question: '账号被锁定怎么办？',
    answer: <p>连续 5 次密码错误，账号将锁定 15 分钟，期间无法登录，到时自动解锁后再试。</p>,
  },
  {
    id: 'logout-everywhere',
    question: '如何退出所有设备上的登录？',
    answer: <p>在首页右上角点击本人姓名打开【我的】，点击【退出所有设备】，本人在所有手机和电脑上的登录都会结束。解除绑定也会退出所有设备。</p>,
  },
];

/** 常见问题: short answers, each with an anchor (/faq#no-code) the journeys link to. */
export default function FaqPage() {
  const { hash } = useLocation();
  useEffect(() => {
    const target = hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    target?.scrollIntoView({ block: 'start' });
  }, [hash]);

  return (
    <div className="journey-page">
      <PageHeader title="常见问题" backTo="/" />
      {questions.map((item) => (
        <section className="card faq-item" id={item.id} key={item.id} aria-labelledby={`${item.id}-question`}>
          <h2 className="faq-item__question" id={`${item.id}-question`}>
            {item.question}
          </h2>
          <div className="faq-item__answer">{item.answer}</div>
        </section>
      ))}
    </div>
  );
}
