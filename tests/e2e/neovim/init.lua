-- Minimal Neovim 0.7 config: starts the rolefit language server with the
-- built-in client (vim.lsp.start_client; 0.7 has no vim.lsp.start) and
-- attaches it to every markdown buffer.
-- Env: ROLEFIT_REPO = repo root (server at server/out/main.js),
--      ROLEFIT_ROOT = workspace folder (defaults to the fixture folder).
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'

local repo = assert(os.getenv('ROLEFIT_REPO'), 'ROLEFIT_REPO is not set')
local root = os.getenv('ROLEFIT_ROOT') or (repo .. '/tests/e2e/neovim/fixtures')

local client_id
local function attach(bufnr)
  if not client_id then
    client_id = vim.lsp.start_client({
      name = 'rolefit',
      cmd = { 'node', repo .. '/server/out/main.js', '--stdio' },
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = 'fixtures' } },
    })
  end
  if client_id then vim.lsp.buf_attach_client(bufnr, client_id) end
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'markdown',
  callback = function(args) attach(args.buf) end,
})

_G.rolefit_client_id = function() return client_id end
