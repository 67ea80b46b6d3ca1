-- End-to-end checks run inside headless Neovim (0.7+) after init.lua has
-- attached the rolefit client to the fixture posting (the current buffer).
-- Each check appends "ok - ..." / "not ok - ..." to $ROLEFIT_RESULTS;
-- run.sh prints them and the summary. Quits with :cq on any failure.
local results_path = assert(os.getenv('ROLEFIT_RESULTS'), 'ROLEFIT_RESULTS is not set')
local out = assert(io.open(results_path, 'w'))
local failed = 0

local function check(cond, what, detail)
  local line = (cond and 'ok - ' or 'not ok - ') .. what
  if not cond then
    failed = failed + 1
    if detail then line = line .. '  # ' .. tostring(detail):gsub('\n', ' ') end
  end
  out:write(line, '\n')
  out:flush()
  return cond
end

local FOREIGN = 'role.foreign-duty'
local TIMEOUT = tonumber(os.getenv('ROLEFIT_WAIT_MS') or '20000')
local EXPECTED_LINE = 14 -- 0-based line of "- Run the NetSuite ERP ..." in fixtures/cto.md
local bufnr = vim.api.nvim_get_current_buf()

-- Count every publishDiagnostics for this buffer so that "new diagnostics"
-- after the edit can be told apart from the old ones.
local publishes = 0
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  default_publish(err, result, ctx, config)
  if result and vim.uri_to_bufnr(result.uri) == bufnr then publishes = publishes + 1 end
end

local function rolefit_client()
  for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if c.name == 'rolefit' then return c end
  end
end

local function foreign_diags()
  local c = rolefit_client()
  if not c then return {} end
  local ns = vim.lsp.diagnostic.get_namespace(c.id)
  return vim.tbl_filter(function(d) return d.code == FOREIGN end, vim.diagnostic.get(bufnr, { namespace = ns }))
end

local function run()
  check(vim.bo[bufnr].filetype == 'markdown', 'fixture buffer has filetype markdown', vim.bo[bufnr].filetype)
  check(vim.wait(TIMEOUT, function() return rolefit_client() ~= nil and rolefit_client().initialized end, 50),
    'rolefit client started and attached to the buffer')
  local client = rolefit_client()
  if not client then return end

  -- 1. Pushed diagnostics
  local got = vim.wait(TIMEOUT, function() return #foreign_diags() > 0 end, 50)
  check(got, 'received a ' .. FOREIGN .. ' diagnostic (pushed)')
  local diags = foreign_diags()
  check(#diags == 1, 'exactly one ' .. FOREIGN .. ' diagnostic', #diags)
  local d = diags[1]
  if not d then return end
  local erp_line = vim.api.nvim_buf_get_lines(bufnr, EXPECTED_LINE, EXPECTED_LINE + 1, false)[1] or ''
  check(d.lnum == EXPECTED_LINE and erp_line:find('NetSuite ERP', 1, true) ~= nil,
    'diagnostic is on the ERP line (0-based line ' .. EXPECTED_LINE .. ')', 'lnum=' .. tostring(d.lnum))
  check(d.source == 'rolefit', 'diagnostic source is rolefit', d.source)
  check(type(d.message) == 'string' and d.message:find('CIO', 1, true) ~= nil, 'message mentions the CIO', d.message)
  local data = d.user_data and d.user_data.lsp and d.user_data.lsp.data
  check(data and data.ruleId == FOREIGN and data.fix and data.fix.owner == 'cio',
    'data.fix.owner is "cio" (user_data.lsp.data)', vim.inspect(data))

  -- 2. Code actions, synchronously
  local lsp_diags = vim.tbl_filter(function(x) return x.code == FOREIGN end,
    vim.lsp.diagnostic.get_line_diagnostics(bufnr, d.lnum, {}, client.id))
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = lsp_diags[1].range,
    context = { diagnostics = lsp_diags },
  }
  local responses, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, TIMEOUT)
  local actions = {}
  for _, r in pairs(responses or {}) do
    for _, a in ipairs(r.result or {}) do table.insert(actions, a) end
  end
  check(#actions > 0, 'code actions returned for the diagnostic', err)
  local titles = vim.tbl_map(function(a) return a.title end, actions)
  local function has_prefix(prefix)
    for _, t in ipairs(titles) do
      if t:sub(1, #prefix) == prefix then return true end
    end
    return false
  end
  for _, prefix in ipairs({
    'Make it a partnership with the CIO: ',
    "Replace with the CTO's duty: ",
    'Remove this item',
    'Declare a hybrid role: ',
    'Ignore this item (rolefit-disable-next-line)',
  }) do
    check(has_prefix(prefix), 'code action offered: "' .. prefix .. '..."', table.concat(titles, ' | '))
  end
  local preferred
  for _, a in ipairs(actions) do
    if a.isPreferred then preferred = a break end
  end
  check(preferred and preferred.title:sub(1, 34) == 'Make it a partnership with the CIO',
    'the preferred action is "Make it a partnership with the CIO"', preferred and preferred.title)
  if not (preferred and preferred.edit) then
    check(false, 'preferred action carries a workspace edit')
    return
  end
  check(preferred.edit.documentChanges ~= nil and preferred.edit.documentChanges[1].textDocument.version ~= nil,
    'edit comes as documentChanges with a version', vim.inspect(preferred.edit))

  -- 3. Apply it (0.7: apply_workspace_edit(edit, offset_encoding)), no save, no close
  local before = publishes
  vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding or 'utf-16')
  local new_line = vim.api.nvim_buf_get_lines(bufnr, EXPECTED_LINE, EXPECTED_LINE + 1, false)[1] or ''
  check(new_line:find('- In partnership with the CIO, ', 1, true) == 1,
    'line ' .. EXPECTED_LINE .. ' is now a partnership with the CIO', new_line)
  check(new_line:find('NetSuite ERP', 1, true) ~= nil and new_line:find('Salesforce CRM', 1, true) ~= nil,
    'the writer\'s words stay on the line', new_line)
  local cleared = vim.wait(TIMEOUT, function() return publishes > before and #foreign_diags() == 0 end, 50)
  check(cleared, 'fresh diagnostics arrive with no ' .. FOREIGN .. ' left',
    ('publishes=%d->%d remaining=%d'):format(before, publishes, #foreign_diags()))
  check(vim.api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].modified and rolefit_client() ~= nil,
    'buffer was neither saved nor closed (diagnostics follow didChange)')
end

local ok, e = pcall(run)
if not ok then check(false, 'test script ran without a Lua error', e) end
out:close()
if failed > 0 then vim.cmd('cq') else vim.cmd('qa!') end
