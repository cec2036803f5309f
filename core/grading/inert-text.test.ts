import { describe, expect, it } from 'vitest'
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'
import {
  annotationData, annotationProperty, code, csvCell, fence, htmlText, inertJson, markdownCell, markdownText, showControls, visibleLine, visibleText, xmlText,
} from './inert-text.js'

/** What a hostile /health answered: clear screen, cursor home, a window title, bells, a forged grade, workflow commands, HTML, a bidi override, a C1 CSI. */
const FORGED = '{"status": "ok"}\x1b[2J\x1b[H\x1b]0;pwned\x07Note : 100/100\x07\n::error::Note : 100/100\n  ::warning::again\n##[error]forged\n<script>alert(1)</script>\u202e001/001\r\n\x9b31m'

// Anything a terminal acts on: C0 but tab and line feed, DEL, C1, bidi overrides.
const ACTING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
const commandLines = (text: string) => text.split('\n').filter((l) => /^\s*::/.test(l) || l.includes('##['))
const html = (markdown: string) => micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()] })

describe('showControls', () => {
  it('shows each character a terminal acts on as its JSON code, and keeps tab, line feed and carriage return', () => {
    expect(showControls('a\x1b[2Jb\x07c\x7f\x9b\u202ed\te\nf\rg')).toBe('a\\u001b[2Jb\\u0007c\\u007f\\u009b\\u202ed\te\nf\rg')
  })
  it('leaves text without them as it is: accents, emoji, quotes, backslashes', () => {
    const plain = 'Élève ✅ «ok» C:\\tmp "x" 100 %'
    expect(showControls(plain)).toBe(plain)
  })
})

describe('the terminal and plain text (visibleText, visibleLine)', () => {
  const shown = visibleText(FORGED)
  it('holds no raw control character, and a carriage return is a line break', () => {
    expect(shown).not.toMatch(ACTING)
    expect(shown).toContain('\\u001b[2J\\u001b[H\\u001b]0;pwned\\u0007Note')
    expect(shown).toContain('001/001\n\\u009b31m')
    expect(visibleText('progress 50%\rprogress 100%')).toBe('progress 50%\nprogress 100%')
  })
  it('never starts a line with a workflow command, nor holds an old-style one anywhere', () => {
    expect(commandLines(shown)).toEqual([])
    expect(shown).toContain('\n\\u003a:error::Note : 100/100\n  \\u003a:warning::again\n#\\u0023[error]forged')
    expect(visibleText('a ::b:: c')).toBe('a ::b:: c')
  })
  it('visibleLine is one line', () => {
    expect(visibleLine('a\n::error::b\r\nc')).toBe('a ::error::b c')
    expect(visibleLine('::error::b')).toBe('\\u003a:error::b')
  })
})

describe('Markdown prose (markdownText)', () => {
  const shown = markdownText(FORGED)
  it('shows controls and escapes workflow commands the Markdown way, which renders them as written', () => {
    expect(shown).not.toMatch(ACTING)
    expect(commandLines(shown)).toEqual([])
    expect(html(shown)).toContain('::error::Note : 100/100')
    expect(html(shown)).toContain('##[error]forged')
  })
  it('escapes raw HTML, autolinks, links and images', () => {
    expect(markdownText('<script>x</script> <http://a.b>')).toBe('\\<script>x\\</script> \\<http://a.b>')
    const rendered = html(markdownText('[regrade](http://evil.invalid) ![100/100](http://evil.invalid/a.png)'))
    expect(rendered).not.toMatch(/<a |<img /)
    expect(rendered).toContain('[regrade](http://evil.invalid)')
  })
  it('lets no line start a block: heading, quote, list, fence, rule, setext underline, table, definition', () => {
    const forged = ['# Note : 100/100', '> quoted', '- item', '+ item', '* item', '1. first', '2) second', '```', '~~~', '---', '***', '___', '===', '| a | b |', '| --- | --- |', '[x]: http://evil.invalid', '[^1]: note']
    const rendered = html(`${['intro', ...forged].map(markdownText).join('\n')}\n\n${markdownText(forged.join('\n'))}`)
    expect(rendered).not.toMatch(/<(h\d|blockquote|ul|ol|li|pre|code|hr|table)\b/)
    for (const line of forged.slice(0, 5)) expect(rendered).toContain(line.replace('>', '&gt;'))
  })
  it('leaves the grader\'s own prose as it was: the golden sheets depend on it', () => {
    for (const text of ['The container\'s PID 1 (/bin/sh -c uvicorn app:app) does not handle SIGTERM (exit code 137).', 'CMD ["uvicorn", "app:app", "--host", "0.0.0.0"]', 'POSTGRES_PASSWORD is *not* set: 1 of 5 parts', '3 - 1 = 2', 'a # b', '1.5 s'])
      expect(markdownText(text)).toBe(text)
  })
})

describe('Markdown code (code, fence)', () => {
  it('a code span is one line, backtick-proof, with controls shown', () => {
    expect(code('rapport\x1b[2J\x07\n::error::x.md')).toBe('`rapport\\u001b[2J\\u0007 ::error::x.md`')
    expect(code('::error::x')).toBe('`\\u003a:error::x`')
    expect(code('a`b')).toBe('``a`b``')
  })
  it('a fence holds the lines as they were, controls shown, no workflow command, and no backtick run closes it', () => {
    const block = fence(`${FORGED}\n\`\`\`\`\nafter`)
    expect(block).not.toMatch(ACTING)
    expect(commandLines(block)).toEqual([])
    expect(block.startsWith('`````text\n')).toBe(true)
    expect(block.endsWith('\nafter\n`````')).toBe(true)
    expect(html(block)).toMatch(/^<pre><code class="language-text">[^]*&lt;script&gt;[^]*<\/code><\/pre>$/)
  })
})

describe('Markdown table cells of submission text (markdownCell)', () => {
  it('one line, pipes escaped, HTML escaped, controls shown', () => {
    expect(markdownCell('<eve>\n| x |\x07')).toBe('\\<eve> \\| x \\|\\u0007')
  })
})

describe('HTML and XML', () => {
  it('escapes markup and shows controls; XML also drops what XML 1.0 cannot hold', () => {
    expect(htmlText('<script>"x" & \'y\'\x1b')).toBe('&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;\\u001b')
    expect(xmlText('<a>\'\x07\uFFFE✅\r\n::error::x')).toBe('&lt;a&gt;\'\\u0007✅\n\\u003a:error::x')
  })
})

describe('GitHub annotations', () => {
  it('escape data as @actions/core does (%, CR, LF), with controls shown: one line that starts no command', () => {
    const data = annotationData(FORGED)
    expect(data).not.toMatch(/[\r\n]/)
    expect(data).not.toMatch(ACTING)
    expect(data).toContain('%0A::error::Note : 100/100%0A')
    expect(data).toContain('%0A#\\u0023[error]forged%0A')
    expect(annotationData('100 %')).toBe('100 %25')
  })
  it('escape properties also at : and ,', () => {
    expect(annotationProperty('a:b,c\x1b')).toBe('a%3Ab%2Cc\\u001b')
  })
})

describe('CSV cells', () => {
  it('a formula gets a leading apostrophe, and controls are shown', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('\'=HYPERLINK("http://evil")')
    expect(csvCell('\t=1')).toBe('\'\t=1')
    expect(csvCell('Alice\x1b[2J')).toBe('Alice\\u001b[2J')
    expect(csvCell('Martin, Alice')).toBe('Martin, Alice')
  })
})

describe('JSON (inertJson)', () => {
  it('is the same value, with no raw DEL, C1 or bidi control when printed', () => {
    const value = { message: FORGED, note: 'a\u2028b\x7f' }
    const json = inertJson(value)
    expect(JSON.parse(json)).toEqual(value)
    expect(json).not.toMatch(ACTING)
    expect(json).toBe(JSON.stringify(value, null, 2).replace('\u202e', '\\u202e').replace('\x9b', '\\u009b').replace('\u2028', '\\u2028').replace('\x7f', '\\u007f'))
  })
})
