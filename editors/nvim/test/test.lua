-- Headless test of the hpyls plugin, run by editors/nvim/test/run.sh:
--   nvim --headless --clean --cmd 'set rtp^=editors/nvim' -c 'luafile test.lua' FILE.c
-- HPYLS_TEST_SCENARIO picks what to check (shim-start and shim-config run
-- "attach" through the plugin's 0.8-0.10 and 0.11+ branches, see below):
--   attach   the plugin starts hpyls for the C buffer (from PATH) at the
--            project root, HPY102 arrives, :HpylsRestart brings it back,
--            the code action's edit fixes it and the diagnostic clears;
--            the settings reach the server (HPY105 is ignored through them)
--   missing  an hpyls that does not exist gives one clear message and no client
local scenario = os.getenv('HPYLS_TEST_SCENARIO') or 'attach'
local label = scenario
local project = os.getenv('HPYLS_TEST_PROJECT')

local function log(msg)
  io.stderr:write('[nvim ' .. label .. '] ' .. msg .. '\n')
end

local function finish(ok, msg)
  log((ok and 'ok: ' or 'FAIL: ') .. msg)
  if ok then
    vim.cmd('qall!')
  else
    vim.cmd('cquit 1')
  end
end

local function check(cond, msg)
  if not cond then
    finish(false, msg)
    error(msg) -- stop this script; cquit has already exited
  end
end

local function code_of(d)
  if d.code ~= nil then
    return d.code
  end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code
end

local function codes(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out, string.format('%s@%d:%d', tostring(code_of(d)), d.lnum, d.col))
  end
  table.sort(out)
  return table.concat(out, ' ')
end

local function find(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if code_of(d) == code then
      return d
    end
  end
end

log('Neovim ' .. tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch))

-- Only Neovim 0.7 installs here (Debian 12). To run the plugin's other
-- branches at least against the documented API shapes, these scenarios
-- stand in for the newer entry points with small shims over 0.7's
-- start_client/buf_attach_client. They check the plugin's calls, not
-- Neovim's own implementation of them.
local function start_or_reuse(config, bufnr)
  for _, c in ipairs(vim.lsp.get_active_clients()) do
    if c.name == config.name and c.config.root_dir == config.root_dir then
      vim.lsp.buf_attach_client(bufnr, c.id)
      return c.id
    end
  end
  local id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end
if scenario == 'shim-start' then -- 0.8-0.10: vim.lsp.start(config, opts)
  scenario = 'attach'
  vim.lsp.start = function(config, opts)
    assert(type(config.name) == 'string' and type(config.cmd) == 'table' and type(config.root_dir) == 'string', 'vim.lsp.start config')
    return start_or_reuse(config, (opts and opts.bufnr) or vim.api.nvim_get_current_buf())
  end
elseif scenario == 'shim-config' then -- 0.11+: vim.lsp.config(name, cfg) + vim.lsp.enable(name)
  scenario = 'attach'
  local configs = {}
  vim.lsp.config = function(name, cfg)
    assert(type(cfg.root_dir) == 'function' and type(cfg.filetypes) == 'table', 'vim.lsp.config cfg')
    configs[name] = cfg
  end
  vim.lsp.enable = function(name)
    local cfg = assert(configs[name], 'vim.lsp.enable before vim.lsp.config')
    local function on_filetype(args)
      cfg.root_dir(args.buf, function(root)
        local c = vim.deepcopy(cfg)
        c.name, c.root_dir, c.filetypes = name, root, nil
        c.workspace_folders = { { uri = vim.uri_from_fname(root), name = root } }
        start_or_reuse(c, args.buf)
      end)
    end
    vim.api.nvim_create_autocmd('FileType', { pattern = cfg.filetypes, callback = on_filetype })
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(b) and vim.tbl_contains(cfg.filetypes, vim.bo[b].filetype) then
        on_filetype({ buf = b })
      end
    end
  end
end

local hpyls = require('hpyls')
local bufnr = vim.api.nvim_get_current_buf()

if scenario == 'missing' then
  local messages = {}
  hpyls.setup({
    cmd = { '/nonexistent/hpyls-not-here' },
    notify = function(msg, level)
      table.insert(messages, { msg = msg, level = level })
    end,
  })
  vim.wait(500, function() return false end, 50)
  check(#messages == 1, 'want exactly one message, got ' .. #messages)
  local m = messages[1].msg
  check(m:find("'/nonexistent/hpyls-not-here' was not found", 1, true) ~= nil, 'message does not name the command: ' .. m)
  check(m:find('go install github.com/hpyproject/hpylint/cmd/hpyls', 1, true) ~= nil, 'message has no install hint: ' .. m)
  check(m:find(hpyls.install_url, 1, true) ~= nil, 'message has no link: ' .. m)
  check(messages[1].level == vim.log.levels.WARN, 'message is not a warning')
  check(#hpyls.clients() == 0, 'a client was started')
  finish(true, 'missing server reported: ' .. m)
  return
end

check(vim.bo[bufnr].filetype == 'c', 'buffer filetype is ' .. vim.bo[bufnr].filetype)
check(hpyls.root_dir(bufnr) == project, 'root_dir = ' .. tostring(hpyls.root_dir(bufnr)) .. ', want ' .. tostring(project))

-- Settings mirror [tool.hpylint]; HPY105 (an info the CLI reports here) is
-- ignored through them.
hpyls.setup({ settings = { ignore = { 'HPY105' } } })

local ok = vim.wait(30000, function() return find(bufnr, 'HPY102') ~= nil end, 50)
check(ok, 'no HPY102 within 30 s; diagnostics: ' .. codes(bufnr))
local d = find(bufnr, 'HPY102')
check(d.lnum == 16 and d.col == 12, string.format('HPY102 at %d:%d, want 16:12', d.lnum, d.col))
check(find(bufnr, 'HPY105') == nil, 'HPY105 reported although the settings ignore it: ' .. codes(bufnr))
local clients = hpyls.clients()
check(#clients == 1, 'want one hpyls client, got ' .. #clients)
local client = clients[1]
check(client.config.root_dir == project, 'client root_dir = ' .. tostring(client.config.root_dir))
check(vim.lsp.buf_is_attached(bufnr, client.id), 'client not attached to the buffer')
log('HPY102 at 17:13 from client ' .. client.id .. ' rooted at ' .. client.config.root_dir)

-- :HpylsRestart: a new client, the diagnostic again.
local old_id = client.id
vim.cmd('HpylsRestart')
ok = vim.wait(30000, function()
  local cs = hpyls.clients()
  return #cs == 1 and cs[1].id ~= old_id and vim.lsp.buf_is_attached(bufnr, cs[1].id) and find(bufnr, 'HPY102') ~= nil
end, 50)
check(ok, 'no new client with HPY102 after :HpylsRestart; diagnostics: ' .. codes(bufnr))
client = hpyls.clients()[1]
log('restarted: client ' .. client.id)

-- The quick fix, through the server's code action.
vim.api.nvim_win_set_cursor(0, { 17, 12 })
local params = vim.lsp.util.make_range_params()
params.context = {
  diagnostics = {
    {
      range = { start = { line = 16, character = 12 }, ['end'] = { line = 16, character = 20 } },
      severity = 1,
      code = 'HPY102',
      source = d.source,
      message = d.message,
    },
  },
}
local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
check(responses ~= nil, 'no answer to textDocument/codeAction')
local action
for _, r in pairs(responses) do
  for _, a in ipairs(r.result or {}) do
    if type(a.title) == 'string' and a.title:find('_speedups', 1, true) then
      action = a
    end
  end
end
check(action ~= nil, 'no code action renaming to _speedups; got ' .. vim.inspect(responses))
if action.edit == nil and action.command == nil then
  local resolved = vim.lsp.buf_request_sync(bufnr, 'codeAction/resolve', action, 10000)
  for _, r in pairs(resolved or {}) do
    action = r.result or action
  end
end
log('code action: ' .. action.title)
check(action.edit ~= nil, 'the code action has no edit: ' .. vim.inspect(action))
vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
local line = vim.api.nvim_buf_get_lines(bufnr, 16, 17, false)[1]
check(line == 'HPy_MODINIT(_speedups, moduledef)', 'line 17 after the edit: ' .. tostring(line))

ok = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50)
check(ok, 'diagnostics did not clear after the fix: ' .. codes(bufnr))
finish(true, 'HPY102 reported, restarted, fixed by the code action, diagnostics cleared')
