-- unres language server in Neovim ≥ 0.7: put this in init.lua (or `:luafile` it).
-- It sets the `unres` filetype for *.unres and *.unres.md and attaches every such buffer to one
-- unres server. The command is `unres-server --stdio` (`npm install -g` of this package), or set
-- vim.g.unres_cmd = { 'node', '/path/to/unres/dist/server.js', '--stdio' } before this file runs.
-- Neovim ≥ 0.8 can replace the FileType callback's body with
--   vim.lsp.start({ name = 'unres', cmd = cmd, root_dir = vim.fn.getcwd(), init_options = settings, settings = { unres = settings } })
local settings = {
  corpus = { builtin = true, paths = {} }, -- paths: extra corpus files and folders
  echo = { threshold = 0.3, verbatimSeverity = 'information', changedSeverity = 'warning' },
}

vim.api.nvim_create_autocmd({ 'BufNewFile', 'BufRead' }, {
  pattern = { '*.unres', '*.unres.md' },
  callback = function() vim.bo.filetype = 'unres' end,
})

local client_id
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'unres',
  callback = function(args)
    if not (client_id and vim.lsp.get_client_by_id(client_id)) then
      client_id = vim.lsp.start_client({
        name = 'unres',
        cmd = vim.g.unres_cmd or { 'unres-server', '--stdio' },
        root_dir = vim.fn.getcwd(),
        init_options = settings, -- read at start-up
        settings = { unres = settings }, -- answers workspace/configuration, section `unres`
      })
    end
    if client_id then vim.lsp.buf_attach_client(args.buf, client_id) end
  end,
})
