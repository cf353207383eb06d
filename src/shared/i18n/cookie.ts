/**
 * The cookie naming the staff app's language, read by the server to send the sign-in page already drawn
 * in it (its own file: the web app must not pull the dictionaries in with it).
 */
export const LANGUAGE_COOKIE = 'liem_lang';
