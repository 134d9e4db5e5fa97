import {
  BUILT_IN_LOCALES,
  type BuiltInLocale,
  defineMessages,
  type Message,
  type MessageCatalogues,
  renderBuiltIn,
  resolveLocale,
} from '@gongfu/core';

/**
 * What the HTTP layer says in its own words: the problem titles (one per kind of problem, as RFC
 * 9457 asks) and the details of the refusals it makes before a command runs.
 */
export const HTTP_MESSAGES = defineMessages({
  'http.title.validation': { en: 'The request is not valid', 'zh-CN': '提交的内容有误' },
  'http.title.notFound': { en: 'Not found', 'zh-CN': '找不到该记录' },
  'http.title.permissionDenied': { en: 'Not allowed', 'zh-CN': '没有权限执行此操作' },
  'http.title.transitionRefused': { en: 'The move is refused', 'zh-CN': '当前状态不允许此操作' },
  'http.title.versionConflict': { en: 'The record was changed by someone else', 'zh-CN': '记录已被他人修改' },
  'http.title.conflict': { en: 'It conflicts with an existing record', 'zh-CN': '与已有记录冲突' },
  'http.title.storage': { en: 'The service could not complete the request', 'zh-CN': '服务暂时无法完成请求' },
  'http.title.unauthenticated': { en: 'Sign in first', 'zh-CN': '请先登录' },
  'http.title.malformedBody': { en: 'The body is not JSON', 'zh-CN': '请求体不是有效的 JSON' },
  'http.title.unsupportedMediaType': { en: 'Send the body as JSON', 'zh-CN': '请求体须为 JSON 格式' },
  'http.title.bodyTooLarge': { en: 'The body is too large', 'zh-CN': '请求体过大' },
  'http.title.badHeader': { en: 'A request header is not usable here', 'zh-CN': '请求头无法使用' },
  'http.title.routeNotFound': { en: 'No such route', 'zh-CN': '没有这个接口' },
  'http.title.internal': { en: 'The service failed', 'zh-CN': '服务出错了' },

  'http.detail.unauthenticated': {
    en: 'this request carries no signed-in user',
    'zh-CN': '此请求没有携带已登录的用户',
  },
  'http.detail.unknownUser': {
    en: 'the signed-in user is not a user of this workspace',
    'zh-CN': '已登录的用户不是本工作区的用户',
  },
  'http.detail.malformedBody': {
    en: 'the body is not valid JSON ({error})',
    'zh-CN': '请求体不是有效的 JSON（{error}）',
  },
  'http.detail.unsupportedMediaType': {
    en: 'expected application/json, got {type}',
    'zh-CN': '请求体应为 application/json，实际收到 {type}',
  },
  'http.detail.bodyTooLarge': {
    en: 'the body must be at most {max} bytes',
    'zh-CN': '请求体不能超过 {max} 字节',
  },
  'http.detail.ifMatchMalformed': {
    en: 'If-Match must be one strong entity tag from an ETag this API sent, e.g. "3" (or *)',
    'zh-CN': 'If-Match 须为本接口返回的一个 ETag，例如 "3"（或 *）',
  },
  'http.detail.ifMatchUnsupported': {
    en: 'If-Match is not supported here: this command takes no version',
    'zh-CN': '此操作不核对版本，不能使用 If-Match',
  },
  'http.detail.ifMatchDisagrees': {
    en: 'If-Match says version {header}, the body says {body}',
    'zh-CN': 'If-Match 的版本是 {header}，请求体中的版本是 {body}，两者不一致',
  },
  'http.detail.idempotencyKey': {
    en: 'Idempotency-Key must be 1–255 visible ASCII characters',
    'zh-CN': 'Idempotency-Key 须为 1–255 个可见的 ASCII 字符',
  },
  'http.detail.routeNotFound': {
    en: 'there is no route {method} {path}',
    'zh-CN': '没有 {method} {path} 这个接口',
  },
  'http.detail.internal': {
    en: 'the service failed; the server log has the details',
    'zh-CN': '服务出错，详情请查看服务器日志',
  },
  'http.cursor.invalid': {
    en: 'expected a cursor this API returned',
    'zh-CN': '游标无效，请使用本接口返回的游标',
  },
});

export type HttpMessageKey = keyof typeof HTTP_MESSAGES;

/** Only the names matter to `resolveLocale`: which built-in catalogue a tag falls back to. */
const BUILT_IN_TAGS: MessageCatalogues = Object.fromEntries(BUILT_IN_LOCALES.map((l) => [l, {}]));

/**
 * The built-in locale to render in: the call's when Gongfu ships it, else one of its language (an
 * app-added `zh-TW` reads `zh-CN`), else English.
 */
export const builtInLocale = (locale: string | undefined): BuiltInLocale =>
  resolveLocale(locale ?? 'en', BUILT_IN_TAGS) as BuiltInLocale;

/** An HTTP message rendered in the call's locale. */
export const say = (msg: Message, locale: string | undefined) => renderBuiltIn(msg, builtInLocale(locale));
