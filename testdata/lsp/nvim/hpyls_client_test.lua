-- A real-client test of hpyls: headless Neovim (0.7 API, which later
-- versions keep) opens a C file of a test project, waits for the HPY102
-- diagnostic, applies the rename code action through the same path as
-- `vim.lsp.buf.code_action()`, waits for the diagnostic to go away, and
-- stops the server, which must exit with code 0.
--
-- Run by cmd/hpyls/nvim_test.go:
--   nvim --headless --clean -c 'luafile hpyls_client_test.lua'
-- with HPYLS_CMD (the server executable), HPYLS_ROOT (a copy of
-- testdata/lsp/speedups) and HPYLS_RESULT (where the steps are written;
-- the last line is PASS or FAIL: ...).

local root = assert(os.getenv('HPYLS_ROOT'), 'HPYLS_ROOT')
local cmd = assert(os.getenv('HPYLS_CMD'), 'HPYLS_CMD')
local out = assert(io.open(assert(os.getenv('HPYLS_RESULT'), 'HPYLS_RESULT'), 'w'))

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

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/src/speedups.c'))
  local bufnr = vim.api.nvim_get_current_buf()

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
  vim.lsp.buf_attach_client(bufnr, client_id)
  say('ok: started hpyls and attached the buffer')

  local function hpy102()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == 'HPY102' then
        return d
      end
    end
  end
  wait('HPY102 diagnostic received', 30000, function() return hpy102() ~= nil end)

  -- Put the cursor on the finding and ask for code actions; answer the
  -- selection prompt with the rename fix, as a user would.
  local d = hpy102()
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  local chosen
  vim.ui.select = function(items, _, on_choice)
    for i, item in ipairs(items) do
      if item[2].title:match('^Rename to') then
        chosen = item[2].title
        return on_choice(item, i)
      end
    end
    on_choice(nil, nil)
  end
  vim.lsp.buf.code_action()
  wait('code action applied', 10000, function()
    local line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]
    return chosen ~= nil and line:find('HPy_MODINIT%(_speedups,') ~= nil
  end)
  say('ok: applied "' .. chosen .. '"')

  wait('HPY102 diagnostic cleared', 30000, function() return hpy102() == nil end)

  vim.lsp.get_client_by_id(client_id).stop()
  wait('server exited', 10000, function() return exit_code ~= nil end)
  if exit_code ~= 0 or exit_signal ~= 0 then
    fail(string.format('server exited with code %s, signal %s', tostring(exit_code), tostring(exit_signal)))
  end
  say('ok: server exited with code 0')
end)
if not ok then
  say('FAIL: ' .. tostring(err))
  finish(false)
else
  say('PASS')
  finish(true)
end
