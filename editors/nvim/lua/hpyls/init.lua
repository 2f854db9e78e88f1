-- hpyls for Neovim: starts hpylint's language server for C and C++ buffers.
--
--   require('hpyls').setup{}                       -- hpyls from PATH
--   require('hpyls').setup{
--     cmd = { '/path/to/hpyls' },                  -- or a string
--     settings = { select = { 'HPY1', 'HPY2' }, abi = 'universal' },
--   }
--
-- Works on Neovim 0.7 through 0.11+: vim.lsp.config/vim.lsp.enable where
-- they exist (0.11+), vim.lsp.start on 0.8-0.10, vim.lsp.start_client and
-- vim.lsp.buf_attach_client on 0.7.
local M = {}

M.name = 'hpyls'
M.install_url = 'https://github.com/hpyproject/hpylint#neovim'

-- Project markers, nearest first; .git only when none of them is found.
local project_markers = { 'pyproject.toml', 'setup.py', 'setup.cfg', 'hpylint.toml' }
local fallback_markers = { '.git' }

local defaults = {
  cmd = nil, -- default: vim.g.hpyls_cmd, else 'hpyls' on PATH
  filetypes = { 'c', 'cpp' },
  -- The keys of [tool.hpylint]: select, ignore, severity, exclude, abi. The
  -- project's own configuration wins for every key both set.
  settings = {},
  on_attach = nil,
  capabilities = nil,
  -- Called with a message when hpyls cannot be started; default vim.notify.
  notify = nil,
}

M.config = vim.deepcopy(defaults)
local clients_by_root = {} -- 0.7 only: root -> client id
local warned = false

local function notify(msg, level)
  if M.config.notify then
    M.config.notify(msg, level)
  else
    vim.notify(msg, level)
  end
end

local function exists(path)
  return vim.loop.fs_stat(path) ~= nil
end

local function dirname(path)
  local d = path:match('^(.*)/[^/]*$')
  if d == nil or d == '' then
    return '/'
  end
  return d
end

local function find_upwards(start, markers)
  local dir = start
  while true do
    for _, m in ipairs(markers) do
      if exists(dir .. '/' .. m) then
        return dir
      end
    end
    local parent = dirname(dir)
    if parent == dir then
      return nil
    end
    dir = parent
  end
end

-- root_dir finds the project a buffer belongs to: the nearest directory
-- above it with pyproject.toml, setup.py, setup.cfg or hpylint.toml, else
-- the nearest with .git, else the file's own directory.
function M.root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr or 0)
  if name == '' then
    return nil
  end
  name = vim.fn.fnamemodify(name, ':p')
  local start = dirname(name)
  return find_upwards(start, project_markers) or find_upwards(start, fallback_markers) or start
end

-- resolve_cmd gives the server command, or nil and a message saying why it
-- cannot start.
function M.resolve_cmd()
  local cmd = M.config.cmd or vim.g.hpyls_cmd or { 'hpyls' }
  if type(cmd) == 'string' then
    cmd = { cmd }
  end
  if vim.fn.executable(cmd[1]) ~= 1 then
    return nil,
      string.format(
        "hpyls: the language server '%s' was not found. Install it with"
          .. ' `go install github.com/hpyproject/hpylint/cmd/hpyls@latest` (Go 1.26 and a C compiler),'
          .. " or pass its path: require('hpyls').setup{ cmd = { '/path/to/hpyls' } }. See %s",
        cmd[1],
        M.install_url
      )
  end
  return cmd
end

-- client_config is what every Neovim version gets: the settings are sent
-- as initializationOptions and answer workspace/configuration requests for
-- the "hpylint" section.
local function client_config(cmd, root)
  local settings = M.config.settings or {}
  return {
    name = M.name,
    cmd = cmd,
    root_dir = root,
    workspace_folders = root and { { uri = vim.uri_from_fname(root), name = root } } or nil,
    init_options = settings,
    settings = { hpylint = settings },
    capabilities = M.config.capabilities,
    on_attach = M.config.on_attach,
  }
end

local function filetype_ok(bufnr)
  local ft = vim.bo[bufnr].filetype
  return vim.tbl_contains(M.config.filetypes, ft) and vim.bo[bufnr].buftype == ''
end

local function cmd_or_warn()
  local cmd, err = M.resolve_cmd()
  if not cmd and not warned then
    warned = true
    notify(err, vim.log.levels.WARN)
  end
  return cmd
end

-- attach starts or reuses the client for a buffer (Neovim 0.7-0.10).
function M.attach(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if not filetype_ok(bufnr) then
    return
  end
  local root = M.root_dir(bufnr)
  if not root then
    return
  end
  local cmd = cmd_or_warn()
  if not cmd then
    return
  end
  local cfg = client_config(cmd, root)
  if vim.lsp.start then
    -- 0.8+: reuses a client with the same name and root.
    vim.api.nvim_buf_call(bufnr, function()
      vim.lsp.start(cfg, { bufnr = bufnr })
    end)
    return
  end
  local id = clients_by_root[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client(cfg)
    if id == nil then
      notify('hpyls: could not start ' .. table.concat(cmd, ' '), vim.log.levels.ERROR)
      return
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
end

local function clients()
  local out = {}
  local all = vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients()
  for _, c in ipairs(all) do
    if c.name == M.name then
      table.insert(out, c)
    end
  end
  return out
end
M.clients = clients

-- restart stops every hpyls client and starts them again for the open C
-- and C++ buffers.
function M.restart()
  for _, c in ipairs(clients()) do
    if vim.lsp.stop_client then
      vim.lsp.stop_client(c.id) -- 0.7-0.11
    else
      c:stop() -- a method from 0.11 on
    end
  end
  clients_by_root = {}
  local function again(tries)
    if #clients() > 0 and tries > 0 then
      vim.defer_fn(function()
        again(tries - 1)
      end, 100)
      return
    end
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(b) and filetype_ok(b) then
        if vim.lsp.enable and vim.lsp.config then
          vim.api.nvim_exec_autocmds('FileType', { buffer = b, modeline = false })
        else
          M.attach(b)
        end
      end
    end
  end
  again(50)
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  warned = false

  vim.api.nvim_create_user_command('HpylsRestart', M.restart, { desc = 'Restart hpyls, the HPy language server' })

  if vim.lsp.config and vim.lsp.enable then
    -- 0.11+: register a configuration and let Neovim attach it.
    local cmd = cmd_or_warn()
    if not cmd then
      return
    end
    local cfg = client_config(cmd, nil)
    cfg.name = nil
    cfg.root_dir = function(bufnr, on_dir)
      local root = M.root_dir(bufnr)
      if root then
        on_dir(root)
      end
    end
    cfg.workspace_folders = nil
    cfg.filetypes = M.config.filetypes
    vim.lsp.config(M.name, cfg)
    vim.lsp.enable(M.name)
    return
  end

  local group = vim.api.nvim_create_augroup('hpyls', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  -- Buffers opened before setup() was called.
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and filetype_ok(b) then
      M.attach(b)
    end
  end
end

return M
