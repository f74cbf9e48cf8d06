-- End-to-end test in a real Neovim (≥ 0.7), run by test/nvim/nvim.test.ts:
--   nvim --headless -u NONE -i NONE -n -c 'luafile test/nvim/e2e.lua'
-- with UNRES_E2E_CONFIG naming a JSON file:
--   { snippet, server, draft, result, hover = {line, text}, completion = {after_line, prefix}, fix_code }
-- It loads the README's snippet (editors/nvim/unres.lua), opens the draft, and records what
-- Neovim got from the server in the JSON file `result`: diagnostics with the byte columns Neovim
-- converted them to and the text they cut out, hover, completion, symbols, links, the comparison
-- with the predecessor and the code lenses, and the buffer after a quick fix applied by Neovim. The mocha wrapper asserts on that file. Never sleeps: every
-- wait is a vim.wait on a condition; a watchdog writes a failure and quits if anything hangs.
local config = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('UNRES_E2E_CONFIG')), '\n'))
local result = { ok = false, steps = {} }
local done = false

local function write_result()
  local ok, json = pcall(vim.fn.json_encode, result)
  if not ok then json = vim.fn.json_encode({ ok = false, error = 'cannot encode result: ' .. tostring(json), steps = result.steps }) end
  vim.fn.writefile({ json }, config.result)
end

local function finish(code)
  if done then return end
  done = true
  write_result()
  vim.cmd((code == 0) and 'qall!' or 'cquit! ' .. code)
end

-- The watchdog: whatever blocks, the result says where it was and Neovim quits.
local watchdog = vim.loop.new_timer()
watchdog:start(config.watchdog_ms or 25000, 0, vim.schedule_wrap(function()
  if done then return end
  result.error = 'watchdog: no end within ' .. (config.watchdog_ms or 25000) .. ' ms, last step ' .. tostring(result.steps[#result.steps])
  done = true
  write_result()
  os.exit(3)
end))

local function step(name) table.insert(result.steps, name) end

--- Waits for `cond` (polling every 20 ms); errors with `what` on timeout.
local function wait_for(what, ms, cond)
  if not vim.wait(ms, cond, 20) then error('timed out waiting for ' .. what, 2) end
end

--- The buffer's text between two byte positions (0-based lines and byte columns, end exclusive).
local function cut(bufnr, lnum, col, end_lnum, end_col)
  local lines = vim.api.nvim_buf_get_lines(bufnr, lnum, end_lnum + 1, false)
  if #lines == 0 then return '' end
  if #lines == 1 then return string.sub(lines[1], col + 1, end_col) end
  lines[1] = string.sub(lines[1], col + 1)
  lines[#lines] = string.sub(lines[#lines], 1, end_col)
  return table.concat(lines, '\n')
end

--- A string fit for JSON: invalid UTF-8 (a column inside a character) is shown as hex.
local function safe(s)
  if pcall(vim.fn.json_encode, s) then return s end
  return '<invalid utf-8> ' .. (s:gsub('.', function(c) return string.format('%02x', c:byte()) end))
end

local function request(bufnr, method, params)
  local answers, err = vim.lsp.buf_request_sync(bufnr, method, params, 8000)
  if not answers then error(method .. ': ' .. tostring(err)) end
  for _, a in pairs(answers) do
    if a.error then error(method .. ': ' .. vim.inspect(a.error)) end
    return a.result
  end
  error(method .. ': no answer')
end

local function body()
  step('load snippet')
  vim.g.unres_cmd = config.server
  -- The raw LSP diagnostics too, for the code action's context.
  local raw, raw_version = {}, {}
  local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, cfg)
    raw[params.uri] = params.diagnostics
    raw_version[params.uri] = params.version
    return publish(err, params, ctx, cfg)
  end
  vim.cmd('luafile ' .. vim.fn.fnameescape(config.snippet))

  step('open draft')
  vim.cmd('edit ' .. vim.fn.fnameescape(config.draft))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype
  local uri = vim.uri_from_bufnr(bufnr)

  step('initialize')
  local client
  wait_for('the client to attach', 5000, function()
    client = vim.lsp.get_active_clients()[1]
    return client ~= nil
  end)
  -- Neovim 0.7 drops requests sent before `initialize` has been answered.
  wait_for('initialize', 10000, function() return client.initialized == true end)
  result.client_name = client.name
  result.offset_encoding = client.offset_encoding
  result.attached = vim.lsp.buf_is_attached(bufnr, client.id)

  step('diagnostics')
  -- The corpus loads after `initialized`: wait for the echoes it brings.
  wait_for('echo diagnostics', 15000, function()
    local n = 0
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == 'echo' then n = n + 1 end
    end
    return n >= (config.min_echoes or 1)
  end)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, {
      code = d.code, severity = d.severity, message = safe(d.message),
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      text = safe(cut(bufnr, d.lnum, d.col, d.end_lnum, d.end_col)),
    })
  end

  step('hover')
  local line = vim.api.nvim_buf_get_lines(bufnr, config.hover.line, config.hover.line + 1, false)[1]
  local at = string.find(line, config.hover.text, 1, true)
  if not at then error('hover text not on line ' .. config.hover.line) end
  vim.api.nvim_win_set_cursor(0, { config.hover.line + 1, at - 1 }) -- a byte column
  local hover = request(bufnr, 'textDocument/hover', vim.lsp.util.make_position_params())
  local contents = hover and hover.contents
  result.hover = type(contents) == 'table' and (contents.value or vim.inspect(contents)) or tostring(contents)

  step('completion')
  local prefix = config.completion.prefix
  vim.api.nvim_buf_set_lines(bufnr, config.completion.after_line + 1, config.completion.after_line + 1, false, { prefix })
  vim.api.nvim_win_set_cursor(0, { config.completion.after_line + 2, #prefix })
  local completion = request(bufnr, 'textDocument/completion', vim.lsp.util.make_position_params())
  local items = completion and (completion.items or completion) or {}
  result.completion = {}
  for _, item in ipairs(items) do table.insert(result.completion, item.label) end
  vim.api.nvim_buf_set_lines(bufnr, config.completion.after_line + 1, config.completion.after_line + 2, false, {})

  step('symbols')
  local function names(symbols, out)
    for _, s in ipairs(symbols or {}) do
      table.insert(out, s.name)
      names(s.children, out)
    end
    return out
  end
  result.symbols = names(request(bufnr, 'textDocument/documentSymbol', { textDocument = { uri = uri } }), {})

  step('links')
  -- Neovim 0.7 has no documentLink support of its own: ask directly.
  result.links = {}
  for _, l in ipairs(request(bufnr, 'textDocument/documentLink', { textDocument = { uri = uri } }) or {}) do
    table.insert(result.links, l.target)
  end

  step('compare')
  -- Compare with Predecessor as any client has it: the request and the code lenses.
  local compared = request(bufnr, 'unres/compare', { textDocument = { uri = uri } })
  result.compare = { predecessor = compared.predecessor.symbol, rows = #compared.rows }
  result.codelens = {}
  for _, l in ipairs(request(bufnr, 'textDocument/codeLens', { textDocument = { uri = uri } }) or {}) do
    table.insert(result.codelens, { line = l.range.start.line, title = l.command.title })
  end

  step('quick fix')
  -- Diagnostics for the buffer as it is now (after the completion line came and went).
  local function current() return raw_version[uri] == vim.lsp.util.buf_versions[bufnr] end
  wait_for('diagnostics of the current version', 8000, current)
  local target
  for _, d in ipairs(raw[uri]) do
    if d.code == config.fix_code then target = d break end
  end
  if not target then error('no ' .. config.fix_code .. ' diagnostic') end
  local actions = request(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = target.range,
    context = { diagnostics = { target } },
  }) or {}
  local action
  for _, a in ipairs(actions) do
    if a.kind == 'quickfix' and a.edit and a.diagnostics and a.diagnostics[1] and a.diagnostics[1].code == config.fix_code then action = a break end
  end
  if not action then error('no ' .. config.fix_code .. ' quick fix among ' .. vim.inspect(actions)) end
  result.fix = { title = action.title, line = target.range.start.line }
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  result.fix.lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  -- The server sees the edit too: the finding goes away.
  wait_for('the fixed diagnostic to go', 8000, function()
    if not current() then return false end
    for _, d in ipairs(raw[uri] or {}) do
      if d.code == config.fix_code and d.range.start.line == result.fix.line then return false end
    end
    return true
  end)

  step('shutdown')
  vim.lsp.stop_client(client.id)
  wait_for('the server to stop', 8000, function() return vim.lsp.get_client_by_id(client.id) == nil end)
  result.stopped = true
  result.ok = true
end

local ok, err = xpcall(body, debug.traceback)
if not ok then result.error = tostring(err) end
watchdog:stop()
finish(ok and 0 or 1)
