// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createEmitter } from '../../src/core/emitter';

describe('createEmitter', () => {
  it('calls every listener with the arguments, in subscription order', () => {
    const e = createEmitter<[string, number]>();
    const calls: string[] = [];
    e.on((a, b) => calls.push(`1:${a}${b}`));
    e.on((a, b) => calls.push(`2:${a}${b}`));
    e.emit('x', 1);
    expect(calls).toEqual(['1:x1', '2:x1']);
  });

  it('on() returns its own unsubscribe', () => {
    const e = createEmitter<[]>();
    const a = vi.fn();
    const b = vi.fn();
    const offA = e.on(a);
    e.on(b);
    offA();
    offA();
    e.emit();
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('isolates a throwing listener and reports it', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const e = createEmitter<[number]>();
    const after = vi.fn();
    e.on(() => {
      throw new Error('boom');
    });
    e.on(after);
    expect(() => e.emit(1)).not.toThrow();
    expect(after).toHaveBeenCalledWith(1);
    expect(String(error.mock.calls[0]![0])).toMatch(/^\[consentinel\]/);
  });

  it('a listener that unsubscribes another during emit does not break the round', () => {
    const e = createEmitter<[]>();
    const second = vi.fn();
    let offSecond = () => {};
    e.on(() => offSecond());
    offSecond = e.on(second);
    e.emit();
    e.emit();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('a listener added during emit is called from the next emit on', () => {
    const e = createEmitter<[]>();
    const late = vi.fn();
    const off = e.on(() => {
      off();
      e.on(late);
    });
    e.emit();
    expect(late).not.toHaveBeenCalled();
    e.emit();
    expect(late).toHaveBeenCalledTimes(1);
  });

  it('clear() removes every listener', () => {
    const e = createEmitter<[]>();
    const a = vi.fn();
    e.on(a);
    e.clear();
    e.emit();
    expect(a).not.toHaveBeenCalled();
  });

  it('instances are independent', () => {
    const a = createEmitter<[]>();
    const b = createEmitter<[]>();
    const fn = vi.fn();
    a.on(fn);
    b.emit();
    expect(fn).not.toHaveBeenCalled();
  });
});
