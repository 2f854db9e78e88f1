-- A real-client test of the fixes that create hpylint's CPython entrypoint
-- header: headless Neovim (0.7 API) on a copy of testdata/sample, whose ABI
-- is pinned universal. In vector.c it applies "Add hpylint's CPython
-- entrypoint for _vector" (the header does not exist yet: a CreateFile and
-- the header's text), in point.c "Fix all hpylint findings" (HPy_MODINIT
-- renamed to _point and the shim inserted under that name), both through
-- the same path as `vim.lsp.buf.code_action()`, writes every buffer with
-- :wall (Neovim writes the created header with one more empty line) and
-- waits until hpyls reports no HPY102, HPY105 or HPY106 in any buffer.
-- cmd/hpyls/nvim_shim_test.go then lints what is on disk with hpylint.
--
-- Run by cmd/hpyls/nvim_shim_test.go:
--   nvim --headless --clean -c 'luafile hpyls_shim_test.lua'
-- with HPYLS_CMD (the server executable), HPYLS_ROOT (a copy of
-- testdata/sample) and HPYLS_RESULT (where the steps are written; the last
-- line is PASS or FAIL: ...).

local root = assert(os.getenv('HPYLS_ROOT'), 'HPYLS_ROOT')
local cmd = assert(os.getenv('HPYLS_CMD'), 'HPYLS_CMD')
local out = assert(io.open(assert(os.getenv('HPYLS_RESULT'), 'HPYLS_RESULT'), 'w'))
local dir = root .. '/src/pointlib'
local header = dir .. '/hpy_cpython_entrypoint.h'

local function say(line)
  out:write(line .. '\n')
  out:flush()
end

local function finish(ok)
  out:close()
  vim.cmd(ok and 'qall!' or 'cquit! 1')
end

local function fail(what)
  error(what, 0) -- reported once, below
end

local function wait(what, ms, cond)
  if not vim.wait(ms, cond, 10) then
    fail('timed out: ' .. what)
  end
  say('ok: ' .. what)
end

local function finding(bufnr, codes)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if codes[d.code] then
      return d
    end
  end
end

local function text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end

-- code_action asks for the actions at the cursor (of the given kinds) and
-- answers the selection prompt with the first action whose title matches.
local function code_action(pattern, only)
  local chosen
  vim.ui.select = function(items, _, on_choice)
    for i, item in ipairs(items) do
      if item[2].title:match(pattern) then
        chosen = item[2].title
        return on_choice(item, i)
      end
    end
    on_choice(nil, nil)
  end
  vim.lsp.buf.code_action(only and { only = only } or nil)
  wait('code action "' .. pattern .. '" offered', 10000, function() return chosen ~= nil end)
  say('ok: applied "' .. chosen .. '"')
end

local ok, err = pcall(function()
  local exit_code, exit_signal
  local client_id = vim.lsp.start_client({
    name = 'hpyls',
    cmd = { cmd, '--log', root .. '/hpyls.log' },
    root_dir = root,
    on_exit = function(code, signal)
      exit_code, exit_signal = code, signal
    end,
  })
  if not client_id then
    fail('vim.lsp.start_client returned nil')
  end
  local buffers = {}
  local function open(path)
    vim.cmd('edit ' .. vim.fn.fnameescape(path))
    local bufnr = vim.api.nvim_get_current_buf()
    vim.lsp.buf_attach_client(bufnr, client_id)
    table.insert(buffers, bufnr)
    return bufnr
  end

  -- The shim quick fix, creating the header.
  local vector = open(dir .. '/vector.c')
  wait('HPY105 in vector.c', 30000, function() return finding(vector, { HPY105 = true }) ~= nil end)
  local d = finding(vector, { HPY105 = true })
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  code_action("^Add hpylint's CPython entrypoint")
  wait('shim inserted in vector.c', 10000, function()
    return text(vector):find('HPy_MODINIT%(_vector, moduledef%)\n#include "hpy_cpython_entrypoint.h"\nHPY_CPYTHON_ENTRYPOINT%(_vector%)') ~= nil
  end)
  local hdr = vim.fn.bufnr(header)
  if hdr < 0 then
    fail('the code action made no buffer for ' .. header)
  end
  wait('header text inserted', 10000, function()
    return vim.api.nvim_buf_is_loaded(hdr) and text(hdr):find('hpylint:generated cpython-entrypoint', 1, true) ~= nil
  end)
  -- As the plugin does for a C buffer.
  vim.lsp.buf_attach_client(hdr, client_id)
  table.insert(buffers, hdr)
  vim.cmd('wall')
  say('ok: :wall')

  -- Fix-all in point.c: the rename and the shim under the new name.
  local point = open(dir .. '/point.c')
  wait('HPY102 in point.c', 30000, function() return finding(point, { HPY102 = true }) ~= nil end)
  code_action('^Fix all hpylint findings', { 'source.fixAll' })
  wait('fix-all applied in point.c', 10000, function() return text(point):find('HPy_MODINIT%(_point, moduledef%)') ~= nil end)
  if not text(point):find('\nHPY_CPYTHON_ENTRYPOINT%(_point%)') then
    fail('fix-all left point.c as:\n' .. text(point))
  end
  vim.cmd('wall')
  say('ok: :wall')

  local shim_findings = { HPY102 = true, HPY105 = true, HPY106 = true }
  wait('no HPY102, HPY105 or HPY106 left', 30000, function()
    for _, b in ipairs(buffers) do
      if finding(b, shim_findings) then
        return false
      end
    end
    return true
  end)

  vim.lsp.get_client_by_id(client_id).stop()
  wait('server exited', 10000, function() return exit_code ~= nil end)
  if exit_code ~= 0 or exit_signal ~= 0 then
    fail(string.format('server exited with code %s, signal %s', tostring(exit_code), tostring(exit_signal)))
  end
  say('ok: server exited with code 0')
end)
if not ok then
  local left = {}
  for _, d in ipairs(vim.diagnostic.get()) do
    table.insert(left, string.format('%s:%d %s %s', vim.api.nvim_buf_get_name(d.bufnr), d.lnum + 1, d.code, d.message))
  end
  say('diagnostics: ' .. table.concat(left, '\n  '))
  say('FAIL: ' .. tostring(err))
  finish(false)
else
  say('PASS')
  finish(true)
end
