/** Hand-written sentiment and frustration lexicons (English stems are matched on Porter stems). */
const words = (s: string) => s.split(/\s+/).filter(Boolean);

export const EN_POSITIVE = words(`
  good great excellent amazing awesome fantastic wonderful perfect love loved lovely like liked enjoy enjoyed best
  better nice friendly helpful happy glad pleased delicious tasty fresh clean recommend recommended impressed
  impressive beautiful fast quick easy smooth satisfied thank thanks appreciate appreciated fun favorite outstanding
  superb brilliant incredible attentive professional polite courteous reasonable fair generous worth cozy comfortable
  spotless pleasant exceptional solid top yummy gorgeous efficient reliable kind welcoming cool wow yay resolved
  fixed works working stunning tender juicy crispy flavorful affordable convenient prompt sweet charming warm
  knowledgeable accommodating fabulous terrific phenomenal heavenly divine legit awesome thrilled delighted`);

export const EN_NEGATIVE = words(`
  bad terrible awful horrible worst poor disappointing disappointed disappoint hate hated rude slow dirty cold
  bland overpriced expensive broken wrong useless waste wasted never unacceptable ridiculous angry annoyed annoying
  frustrated frustrating upset sick gross disgusting nasty mediocre meh stale soggy greasy burnt undercooked
  overcooked raw late delay delayed missing lost stolen scam fraud fraudulent charged refund complaint complain
  problem issue error fail failed failure crash crashed cancel cancelled canceled declined denied unhelpful
  incompetent unprofessional ignored ignore ignoring wait waiting waited forever noisy loud crowded cramped
  smelly smell tasteless lukewarm pricey sucks sucked suck stupid idiot pathetic joke lousy sloppy dreadful
  unfortunately sadly sad regret avoid worse hard difficult confusing confused impossible nightmare shame
  shameful tired unfriendly careless dry tough chewy salty sour bitter mess messy inedible questionable`);

export const ZH_POSITIVE = words(`
  好 很好 不错 满意 喜欢 感谢 谢谢 棒 优秀 完美 方便 快 及时 耐心 专业 热情 贴心 好吃 推荐 值得 开心 高兴
  赞 给力 清楚 解决 解决了 靠谱 划算 舒服 干净 周到 细心 友好 点赞 好评 到位 惊喜 顺利`);

export const ZH_NEGATIVE = words(`
  差 很差 太差 垃圾 失望 生气 愤怒 投诉 退款 慢 太慢 骗 骗子 骗人 坑 坑人 烂 糟糕 问题 故障 错误 无法 不能
  没用 难用 麻烦 恶心 态度 敷衍 欺骗 损坏 破损 丢失 延迟 不满 不满意 后悔 差评 离谱 无语 崩溃 气死 坑爹
  不行 不好 难吃 贵 太贵 拖 拖延 一直 还没 没有收到`);

export const NEGATORS_EN = new Set(
  words(`not no never n't 't nothing nobody none neither nor hardly barely without cannot cant dont doesnt didnt isnt wasnt wont`),
);
export const NEGATORS_ZH = ['不', '没', '没有', '别', '未', '无'];

export const PROFANITY = words(`
  fuck fucking fucked shit shitty crap crappy damn bullshit wtf idiot idiots stupid moron morons dumb useless
  pathetic incompetent ridiculous garbage trash sucks asshole bastard screw scam scammers liars clowns
  傻逼 傻b sb 垃圾 妈的 他妈 滚 操 废物 骗子 智障 脑残 坑爹 去死 混蛋 无耻`);

/** Requests to reach a person instead of the bot. */
export const HUMAN_REQUEST_PATTERNS: RegExp[] = [
  /\b(?:real|actual|live)\s+(?:person|human|agent|people)\b/i,
  /\b(?:speak|talk|chat)\s+(?:to|with)\s+(?:a\s+|an\s+|the\s+|your\s+)?(?:human|person|someone|somebody|agent|manager|supervisor|representative|rep|operator)\b/i,
  /\b(?:human|agent|representative|operator|supervisor)\s*(?:please|pls|now)\b/i,
  /\b(?:get|give|connect|transfer)\s+me\s+(?:to\s+)?(?:a\s+|an\s+)?(?:human|person|agent|representative|manager|someone)\b/i,
  /^\s*(?:human|agent|representative|operator)[\s!?.]*$/i,
  /转人工|人工客服|人工服务|找人工|要人工|真人|活人|人工$|^人工|转接客服|叫你们(?:经理|领导)|找(?:你们)?(?:经理|领导)/,
];
