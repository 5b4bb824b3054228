/**
 * Crawlers get no banner (and never an automatic yes: that would be cloaking).
 * `navigator.webdriver` alone is not a bot, so automated tests of a site still see the banner.
 */
// `bot` must stand alone or before / or - (Googlebot/2.1, AdsBot-Google): phone models end in it (CUBOT P30).
const BOT = /\bbot\b|bot[/-]|crawl|spider|slurp|bingpreview|mediapartners|facebookexternalhit|headlesschrome\/.*\bbot|prerender/i;

export const isBot = (userAgent: string) => BOT.test(userAgent);
