/**
 * Crawlers get no banner (and never an automatic yes: that would be cloaking).
 * `navigator.webdriver` alone is not a bot, so automated tests of a site still see the banner.
 */
const BOT = /bot\b|crawl|spider|slurp|bingpreview|mediapartners|facebookexternalhit|lighthouse|headlesschrome\/.*\bbot|prerender/i;

export const isBot = (userAgent: string) => BOT.test(userAgent);
