import { render, h } from 'preact';
render(h('div', { class: 'x', onClick() {} }, 'hi'), document.body);
