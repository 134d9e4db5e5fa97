import { defineMessages, messagesOf } from '../../kernel/message.js';

/** Why a transfer of records is refused. */
export const OWNERSHIP_MESSAGES = defineMessages({
  'ownership.denied.sameOwner': {
    en: 'records cannot be transferred to their current owner',
    'zh-CN': '记录不能转移给其当前负责人',
  },
  'ownership.denied.unknownUser': { en: '{name} is not a known user', 'zh-CN': '{name} 不是已知用户' },
  'ownership.denied.inactiveReceiver': {
    en: '{name} is no longer active and cannot receive records',
    'zh-CN': '{name} 已停用，不能接收记录',
  },
  'ownership.denied.notAboveBoth': {
    en: '{name} must be above {from} and have {to} in their own team',
    'zh-CN': '{name} 须是 {from} 的上级，且 {to} 须在其团队中',
  },
  'ownership.action.transfer': { en: 'transfer records', 'zh-CN': '转移记录' },
  'ownership.invalid.sameUser': {
    en: 'must differ from `from`',
    'zh-CN': '不能与转出人（from）相同',
  },
  'ownership.invalid.listedTwice': { en: 'duplicate {record}', 'zh-CN': '{record} 重复列出' },
});

export const sayOwnership = messagesOf(OWNERSHIP_MESSAGES);
