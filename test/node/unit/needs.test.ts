import { describe, expect, it } from 'vitest';
import { needsOf, parseNeeds } from '../../../worker/domain/needs.ts';

describe('needsOf', () => {
  it('finds nothing in a check-in that went to plan', () => {
    expect(needsOf({ needs_pause: false, last_action_done: 'yes', obstacles: '' })).toEqual([]);
  });

  it('points a pause request to the pause guidance', () => {
    expect(needsOf({ needs_pause: true, last_action_done: 'yes', obstacles: '  ' })).toEqual(['pause']);
  });

  it('points a missed or half-done action, or an obstacle, to the setback guidance', () => {
    expect(needsOf({ needs_pause: false, last_action_done: 'no', obstacles: '' })).toEqual(['setback']);
    expect(needsOf({ needs_pause: false, last_action_done: 'partly', obstacles: '' })).toEqual(['setback']);
    expect(needsOf({ needs_pause: false, last_action_done: undefined, obstacles: 'Ill all week' })).toEqual(['setback']);
    expect(needsOf({ needs_pause: true, last_action_done: 'no', obstacles: '' })).toEqual(['pause', 'setback']);
  });
});

describe('parseNeeds', () => {
  it('keeps only known needs, in a fixed order', () => {
    expect(parseNeeds('setback,pause,<script>')).toEqual(['pause', 'setback']);
    expect(parseNeeds(undefined)).toEqual([]);
  });
});
